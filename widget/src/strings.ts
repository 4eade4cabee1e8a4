// The widget's words in its two languages, chosen from the browser's.
export interface Strings {
  open: string; close: string; title: string; placeholder: string; send: string; unread: (n: number) => string;
  offline: string; emailPrompt: string; emailPlaceholder: string; emailSaved: string; typing: (name: string | null) => string;
  agent: string; you: string; failed: string; sneakPeek: string; messages: string; sendEmail: string;
  continueOn: (app: string) => string; openApp: (app: string) => string; codeNote: string; handoffFailed: string;
  emailReplies: string; sendLink: string; emailCheck: (email: string) => string; emailVerified: (email: string) => string;
  preChatIntro: string; namePlaceholder: string; emailOptional: string; startChat: string;
  attach: string; removeFile: (name: string) => string; uploading: (name: string, percent: number) => string; decimal: string;
  tooLarge: (limit: string) => string; wrongType: string; tooManyFiles: string; uploadFailed: string; fileFailed: string;
}

const en: Strings = {
  open: "Open chat", close: "Close chat", title: "Chat with us", placeholder: "Write a message…", send: "Send",
  unread: n => `${n} unread`, offline: "We're offline right now.", emailPrompt: "Leave your email and we'll answer you there.",
  emailPlaceholder: "you@example.com", emailSaved: "Thanks! We'll write to you.", typing: n => `${n ?? "An agent"} is typing…`,
  agent: "Agent", you: "You", failed: "Not sent. Try again.", sneakPeek: "Agents may see what you type before you send it.",
  messages: "Messages", sendEmail: "Save email",
  continueOn: a => `Continue on ${a}`, openApp: a => `Open ${a}`, codeNote: "Or send this code there within 30 minutes:",
  handoffFailed: "That did not work. Try again.",
  emailReplies: "Send me replies by email", sendLink: "Send link",
  emailCheck: e => `Check ${e}: open the link we sent to get our replies there.`,
  emailVerified: e => `Our replies also reach ${e} when you are away.`,
  preChatIntro: "Before we start: what is your name?", namePlaceholder: "Your name", emailOptional: "Email (optional)",
  startChat: "Start chat",
  attach: "Attach a file", removeFile: n => `Remove ${n}`, uploading: (n, p) => `Uploading ${n}… ${p}%`, decimal: ".",
  tooLarge: l => `That file is too large: at most ${l}.`,
  wrongType: "That kind of file can't be sent. Send a picture, a PDF, a document, audio or video.",
  tooManyFiles: "Too many files for now. Wait a minute and try again.", uploadFailed: "The file was not uploaded. Try again.",
  fileFailed: "The file could not be opened. Try again.",
};

const es: Strings = {
  open: "Abrir chat", close: "Cerrar chat", title: "Chatea con nosotros", placeholder: "Escribe un mensaje…", send: "Enviar",
  unread: n => `${n} sin leer`, offline: "Ahora mismo no hay nadie conectado.", emailPrompt: "Déjanos tu email y te responderemos allí.",
  emailPlaceholder: "tu@ejemplo.com", emailSaved: "¡Gracias! Te escribiremos.", typing: n => `${n ?? "Un agente"} está escribiendo…`,
  agent: "Agente", you: "Tú", failed: "No se ha enviado. Inténtalo de nuevo.", sneakPeek: "Los agentes pueden ver lo que escribes antes de enviarlo.",
  messages: "Mensajes", sendEmail: "Guardar email",
  continueOn: a => `Seguir en ${a}`, openApp: a => `Abrir ${a}`, codeNote: "O envía allí este código antes de 30 minutos:",
  handoffFailed: "No ha funcionado. Inténtalo de nuevo.",
  emailReplies: "Envíame las respuestas por email", sendLink: "Enviar enlace",
  emailCheck: e => `Revisa ${e}: abre el enlace que te hemos enviado para recibir allí nuestras respuestas.`,
  emailVerified: e => `Nuestras respuestas también llegan a ${e} cuando no estás.`,
  preChatIntro: "Antes de empezar: ¿cómo te llamas?", namePlaceholder: "Tu nombre", emailOptional: "Email (opcional)",
  startChat: "Empezar",
  attach: "Adjuntar un archivo", removeFile: n => `Quitar ${n}`, uploading: (n, p) => `Subiendo ${n}… ${p} %`, decimal: ",",
  tooLarge: l => `Ese archivo es demasiado grande: como mucho ${l}.`,
  wrongType: "Ese tipo de archivo no se puede enviar. Envía una imagen, un PDF, un documento, audio o vídeo.",
  tooManyFiles: "Demasiados archivos por ahora. Espera un minuto y vuelve a intentarlo.", uploadFailed: "El archivo no se ha subido. Inténtalo de nuevo.",
  fileFailed: "No se ha podido abrir el archivo. Inténtalo de nuevo.",
};

export function pickStrings(language: string | undefined): Strings {
  return (language || "").toLowerCase().slice(0, 2) === "es" ? es : en;
}
