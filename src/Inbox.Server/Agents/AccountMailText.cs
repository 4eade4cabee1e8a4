namespace Inbox.Server.Agents;

/// <summary>The words of Inbox's own mails, in the console's two languages (Spanish unless English is asked for).</summary>
public static class AccountMailText
{
    public static (string Subject, string Body) Invitation(string? language, string inviter, string name, string link, TimeSpan validFor) =>
        English(language)
            ? ($"{inviter} invited you to Inbox",
               $"Hello {name},\n\n{inviter} invited you to answer customers in Inbox. Choose your password here:\n\n{link}\n\n" +
               $"The link works once, for {Days(validFor, true)}. If you were not expecting this, ignore this mail.\n")
            : ($"{inviter} te ha invitado a Inbox",
               $"Hola, {name}:\n\n{inviter} te ha invitado a atender a los clientes en Inbox. Elige tu contraseña aquí:\n\n{link}\n\n" +
               $"El enlace funciona una sola vez, durante {Days(validFor, false)}. Si no lo esperabas, ignora este correo.\n");

    public static (string Subject, string Body) PasswordReset(string? language, string name, string link, TimeSpan validFor) =>
        English(language)
            ? ("Reset your Inbox password",
               $"Hello {name},\n\nSomeone (hopefully you) asked to reset your Inbox password. Choose a new one here:\n\n{link}\n\n" +
               $"The link works once, for {Days(validFor, true)}. If it was not you, ignore this mail: your password stays as it is.\n")
            : ("Restablece tu contraseña de Inbox",
               $"Hola, {name}:\n\nAlguien (esperamos que tú) ha pedido restablecer tu contraseña de Inbox. Elige una nueva aquí:\n\n{link}\n\n" +
               $"El enlace funciona una sola vez, durante {Days(validFor, false)}. Si no has sido tú, ignora este correo: tu contraseña no cambia.\n");

    private static bool English(string? language) => language?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true;

    private static string Days(TimeSpan span, bool english) => span.TotalHours switch
    {
        < 1.5 => english ? $"{Math.Max(1, (int)Math.Round(span.TotalMinutes))} minutes" : $"{Math.Max(1, (int)Math.Round(span.TotalMinutes))} minutos",
        < 48 => english ? $"{(int)Math.Round(span.TotalHours)} hours" : $"{(int)Math.Round(span.TotalHours)} horas",
        _ => english ? $"{(int)Math.Round(span.TotalDays)} days" : $"{(int)Math.Round(span.TotalDays)} días",
    };
}
