// The widget's words in its two languages, chosen from the browser's.
export interface Strings {
  open: string; close: string; title: string; placeholder: string; send: string; unread: (n: number) => string;
  offline: string; emailPrompt: string; emailPlaceholder: string; emailSaved: string; typing: (name: string | null) => string;
  agent: string; you: string; failed: string; sneakPeek: string; messages: string; sendEmail: string;
  continueOn: (app: string) => string; openApp: (app: string) => string; codeNote: string; handoffFailed: string;
  emailReplies: string; sendLink: string; emailCheck: (email: string) => string; emailVerified: (email: string) => string;
  preChatIntro: string; namePlaceholder: string; emailOptional: string; startChat: string;
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
};

export function pickStrings(language: string | undefined): Strings {
  return (language || "").toLowerCase().slice(0, 2) === "es" ? es : en;
}
