// Search: brings the message a hit points at into view in its thread and marks it (css: .message-found).
export function reveal(messageId) {
    const row = document.querySelector(`.message-row[data-message-id="${Number(messageId)}"]`);
    if (!row) return;
    document.querySelectorAll('.message-row.message-found').forEach(r => r.classList.remove('message-found'));
    row.classList.add('message-found');
    row.scrollIntoView({ block: 'center' });
}
