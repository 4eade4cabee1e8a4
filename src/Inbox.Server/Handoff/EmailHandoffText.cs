using System.Net;

namespace Inbox.Server.Handoff;

/// <summary>The words of the verification mail and of the page its link opens, in the widget's two languages.</summary>
public static class EmailHandoffText
{
    public static bool English(string? language) => language?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true;

    public static (string Subject, string Body) Mail(string language, string site, string link, TimeSpan validFor) =>
        English(language)
            ? ($"Confirm your email to get replies from {site}",
               $"Hello,\n\nIn the chat on {site}'s website you asked for our replies to come to this address. Confirm it here:\n\n{link}\n\n" +
               $"The link works once, for {Span(validFor, true)}. Once confirmed, that chat also shows what you wrote to us from this address. " +
               "If you did not ask for this, ignore this mail: nothing changes.\n")
            : ($"Confirma tu email para recibir las respuestas de {site}",
               $"Hola:\n\nEn el chat de la web de {site} nos has pedido que te respondamos en esta dirección. Confírmala aquí:\n\n{link}\n\n" +
               $"El enlace funciona una sola vez, durante {Span(validFor, false)}. Al confirmarla, ese chat mostrará también lo que nos hayas escrito desde esta dirección. " +
               "Si no lo has pedido tú, ignora este correo: no cambia nada.\n");

    /// <summary>The page the link opens: its script moves the token from the fragment into the form, so the token reaches
    /// the server only in a POST body (never a log line), and a mail scanner that opens the link confirms nothing.</summary>
    public static string ConfirmPage(bool english)
    {
        var (text, confirm, noScript) = english
            ? ("Press Confirm and our replies to your chat will also reach this address.", "Confirm", "This page needs JavaScript to read its link.")
            : ("Pulsa Confirmar y nuestras respuestas a tu chat llegarán también a esta dirección.", "Confirmar", "Esta página necesita JavaScript para leer su enlace.");
        return Page(english, english ? "Confirm your email" : "Confirma tu email", $$"""
            <p>{{text}}</p>
            <form method="post" action="{{Contracts.HandoffRoutes.EmailConfirmPage}}">
              <input type="hidden" name="token" id="token">
              <button type="submit" id="confirm" disabled>{{confirm}}</button>
            </form>
            <noscript><p>{{noScript}}</p></noscript>
            <script>
            (function () {
              var t = new URLSearchParams(location.hash.slice(1)).get("token");
              if (!t) return;
              document.getElementById("token").value = t;
              document.getElementById("confirm").disabled = false;
              history.replaceState(null, "", location.pathname);
            })();
            </script>
            """);
    }

    public static string ResultPage(EmailConfirmation outcome, bool english)
    {
        var (title, text) = outcome.Result switch
        {
            EmailConfirmationResult.Confirmed => english
                ? ("Email confirmed", $"Done: our replies will also reach {WebUtility.HtmlEncode(outcome.Email)}. You can close this page and go back to the chat.")
                : ("Email confirmado", $"Listo: nuestras respuestas llegarán también a {WebUtility.HtmlEncode(outcome.Email)}. Puedes cerrar esta página y volver al chat."),
            EmailConfirmationResult.Used => english
                ? ("Link already used", "This link was used already: it works only once, and nothing was linked now.")
                : ("Enlace ya usado", "Este enlace ya se usó: funciona una sola vez, y ahora no se ha vinculado nada."),
            EmailConfirmationResult.Expired => english
                ? ("Link expired", "This link has expired: nothing was linked. Ask for a new one in the chat.")
                : ("Enlace caducado", "Este enlace ha caducado: no se ha vinculado nada. Pide uno nuevo en el chat."),
            _ => english
                ? ("Link not valid", "This link is not valid: nothing was linked.")
                : ("Enlace no válido", "Este enlace no es válido: no se ha vinculado nada."),
        };
        return Page(english, title, $"<p class=\"result\" data-result=\"{outcome.Result.ToString().ToLowerInvariant()}\">{text}</p>");
    }

    private static string Page(bool english, string title, string body) => $$"""
        <!doctype html>
        <html lang="{{(english ? "en" : "es")}}">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <meta name="robots" content="noindex">
          <title>{{title}}</title>
          <style>
            body { font: 16px/1.5 system-ui, sans-serif; color: #1b1f24; max-width: 32rem; margin: 4rem auto; padding: 0 1rem; }
            button { font: inherit; padding: .5rem 1.25rem; border: 0; border-radius: 6px; background: #1f6feb; color: #fff; cursor: pointer; }
            button:disabled { background: #8c959f; cursor: default; }
          </style>
        </head>
        <body>
          <h1>{{title}}</h1>
          {{body}}
        </body>
        </html>
        """;

    private static string Span(TimeSpan span, bool english) => span.TotalHours switch
    {
        < 1.5 => english ? $"{Math.Max(1, (int)Math.Round(span.TotalMinutes))} minutes" : $"{Math.Max(1, (int)Math.Round(span.TotalMinutes))} minutos",
        < 48 => english ? $"{(int)Math.Round(span.TotalHours)} hours" : $"{(int)Math.Round(span.TotalHours)} horas",
        _ => english ? $"{(int)Math.Round(span.TotalDays)} days" : $"{(int)Math.Round(span.TotalDays)} días",
    };
}
