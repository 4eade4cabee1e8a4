namespace Inbox.Web.Localization;

/// <summary>
/// Every UI string of the console in English and Spanish. Keys are "Area.Name"; values may hold
/// string.Format placeholders. A test checks both languages have the same keys.
/// </summary>
public static class Strings
{
    private static readonly Dictionary<string, (string En, string Es)> Table = new(StringComparer.Ordinal)
    {
        ["App.Name"] = ("Inbox", "Inbox"),
        ["AppBar.Language"] = ("Language", "Idioma"),
        ["AppBar.Logout"] = ("Sign out", "Cerrar sesión"),
        ["NotFound"] = ("There is nothing at this address.", "No hay nada en esta dirección."),
        ["Live.Connecting"] = ("Connecting…", "Conectando…"),
        ["Live.Reconnecting"] = ("Reconnecting…", "Reconectando…"),

        ["Login.Title"] = ("Sign in", "Iniciar sesión"),
        ["Login.Subtitle"] = ("Agent console", "Consola de agentes"),
        ["Login.Email"] = ("Email", "Correo electrónico"),
        ["Login.Password"] = ("Password", "Contraseña"),
        ["Login.EmailRequired"] = ("Enter your email", "Introduce tu correo electrónico"),
        ["Login.PasswordRequired"] = ("Enter your password", "Introduce tu contraseña"),
        ["Login.Submit"] = ("Sign in", "Entrar"),
        ["Login.Invalid"] = ("Wrong email or password.", "Correo o contraseña incorrectos."),
        ["Login.Failed"] = ("Could not sign in. Try again.", "No se pudo iniciar sesión. Inténtalo de nuevo."),

        ["Inbox.SelectConversation"] = ("Pick a conversation", "Elige una conversación"),
        ["Inbox.SelectConversationHint"] = ("Choose one from the list to read and reply.", "Selecciona una de la lista para leerla y responder."),

        ["List.Mine"] = ("Mine", "Mías"),
        ["List.Unassigned"] = ("Unassigned", "Sin asignar"),
        ["List.All"] = ("All", "Todas"),
        ["List.Status"] = ("Status", "Estado"),
        ["List.Empty"] = ("No conversations here.", "No hay conversaciones aquí."),
        ["List.LoadMore"] = ("Load more", "Cargar más"),
        ["List.LoadFailed"] = ("Could not load conversations.", "No se pudieron cargar las conversaciones."),
        ["List.UnreadCount"] = ("{0} unread", "{0} sin leer"),

        ["Status.Open"] = ("Open", "Abierta"),
        ["Status.Pending"] = ("Pending", "Pendiente"),
        ["Status.Snoozed"] = ("Snoozed", "Pospuesta"),
        ["Status.Resolved"] = ("Resolved", "Resuelta"),

        ["Action.Resolve"] = ("Resolve", "Resolver"),
        ["Action.Reopen"] = ("Reopen", "Reabrir"),
        ["Action.Pending"] = ("Pending", "Pendiente"),
        ["Action.Snooze"] = ("Snooze", "Posponer"),
        ["Snooze.OneHour"] = ("For 1 hour", "1 hora"),
        ["Snooze.Tomorrow"] = ("Until tomorrow", "Hasta mañana"),
        ["Snooze.NextWeek"] = ("Until next week", "Hasta la semana que viene"),
        ["Assign.Label"] = ("Assignee", "Asignada a"),
        ["Assign.Nobody"] = ("Unassigned", "Sin asignar"),

        ["Thread.LoadOlder"] = ("Load older messages", "Cargar mensajes anteriores"),
        ["Thread.NoMessages"] = ("No messages yet.", "Todavía no hay mensajes."),
        ["Thread.NotFound"] = ("This conversation does not exist or you cannot see it.", "Esta conversación no existe o no tienes acceso."),
        ["Thread.LoadFailed"] = ("Could not load the conversation.", "No se pudo cargar la conversación."),
        ["Thread.ActionFailed"] = ("That did not work: {0}", "No se pudo hacer: {0}"),
        ["Thread.SnoozedUntil"] = ("until {0}", "hasta {0}"),
        ["Thread.Typing"] = ("{0} is typing…", "{0} está escribiendo…"),
        ["Thread.SomeAgent"] = ("An agent", "Un agente"),

        ["Message.PrivateNote"] = ("Private note", "Nota privada"),
        ["Message.System"] = ("System", "Sistema"),
        ["MessageStatus.Received"] = ("Received", "Recibido"),
        ["MessageStatus.Queued"] = ("Queued", "En cola"),
        ["MessageStatus.Sent"] = ("Sent", "Enviado"),
        ["MessageStatus.Delivered"] = ("Delivered", "Entregado"),
        ["MessageStatus.Read"] = ("Read", "Leído"),
        ["MessageStatus.Failed"] = ("Failed", "Error"),
        ["MessageStatus.FailedUnknown"] = ("Not delivered (no reason given).", "No entregado (sin motivo)."),

        ["Composer.Reply"] = ("Reply", "Responder"),
        ["Composer.Note"] = ("Private note", "Nota privada"),
        ["Composer.ReplyOn"] = ("Reply on", "Responder por"),
        ["Composer.ReplyPlaceholder"] = ("Write a reply…", "Escribe una respuesta…"),
        ["Composer.NotePlaceholder"] = ("Write a note only agents will see…", "Escribe una nota que solo verán los agentes…"),
        ["Composer.Hint"] = ("Ctrl+Enter to send", "Ctrl+Intro para enviar"),
        ["Composer.Send"] = ("Send", "Enviar"),
        ["Composer.AddNote"] = ("Add note", "Añadir nota"),
        ["Composer.SendFailed"] = ("Not sent: {0}", "No enviado: {0}"),

        ["Contact.Unknown"] = ("Unknown contact", "Contacto desconocido"),
        ["Contact.Since"] = ("Contact since {0}", "Contacto desde {0}"),
        ["Contact.Edit"] = ("Edit contact", "Editar contacto"),
        ["Contact.Name"] = ("Name", "Nombre"),
        ["Contact.Email"] = ("Email", "Correo electrónico"),
        ["Contact.Phone"] = ("Phone", "Teléfono"),
        ["Contact.PhoneHint"] = ("International format, e.g. +34 600 000 000", "Formato internacional, p. ej. +34 600 000 000"),
        ["Contact.Notes"] = ("Notes", "Notas"),
        ["Contact.Identities"] = ("Reachable at", "Direcciones de contacto"),
        ["Contact.NoIdentities"] = ("No addresses yet.", "Todavía no hay direcciones."),
        ["Contact.LastSeen"] = ("last seen {0}", "visto por última vez {0}"),
        ["Contact.Saved"] = ("Contact saved.", "Contacto guardado."),
        ["Contact.SaveFailed"] = ("Could not save: {0}", "No se pudo guardar: {0}"),

        ["Identity.Phone"] = ("Phone", "Teléfono"),
        ["Identity.Email"] = ("Email", "Correo"),
        ["Identity.Telegram"] = ("Telegram", "Telegram"),
        ["Identity.WebVisitor"] = ("Website visitor", "Visitante web"),
        ["Identity.External"] = ("External id", "ID externo"),

        ["Channel.api"] = ("API", "API"),
        ["Channel.webchat"] = ("Web chat", "Chat web"),
        ["Channel.email"] = ("Email", "Correo"),
        ["Channel.sms"] = ("SMS", "SMS"),
        ["Channel.whatsapp"] = ("WhatsApp", "WhatsApp"),
        ["Channel.telegram"] = ("Telegram", "Telegram"),

        ["Time.Now"] = ("now", "ahora"),
        ["Time.Minutes"] = ("{0} min", "{0} min"),
        ["Time.Hours"] = ("{0} h", "{0} h"),
        ["Time.Yesterday"] = ("yesterday", "ayer"),

        ["Common.Save"] = ("Save", "Guardar"),
        ["Common.Cancel"] = ("Cancel", "Cancelar"),
    };

    public static IEnumerable<string> Keys => Table.Keys;

    public static bool TryGet(string language, string key, out string value)
    {
        if (Table.TryGetValue(key, out var entry))
        {
            value = language == "es" ? entry.Es : entry.En;
            return true;
        }
        value = key;
        return false;
    }

    public static IEnumerable<KeyValuePair<string, string>> All(string language) =>
        Table.Select(kv => new KeyValuePair<string, string>(kv.Key, language == "es" ? kv.Value.Es : kv.Value.En));
}
