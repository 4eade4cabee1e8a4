using Inbox.Contracts;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Inbox.Server.Agents;

public static class AuthExtensions
{
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    private const string SelectorScheme = "Inbox";
    public const string AdminPolicy = "Admin";

    /// <summary>Cookies for the console, bearer API tokens for integrations, antiforgery for cookie-authorised changes.</summary>
    public static WebApplicationBuilder AddInboxAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AdminBootstrapOptions>().BindConfiguration(AdminBootstrapOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<UserStore>();
        services.AddSingleton<TeamStore>();
        services.AddSingleton<ApiTokenStore>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<SignIn>();
        services.AddSingleton<FirstAdminSeeder>();
        services.AddOptions<SystemMailOptions>().BindConfiguration(SystemMailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SystemMailer>();
        services.AddSingleton<AccountTokenStore>();
        services.AddSingleton<AccountLinks>();
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();

        services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "Cookie or API token", o =>
                o.ForwardDefaultSelector = ctx => ApiTokenAuthenticationHandler.BearerToken(ctx.Request) is null ? CookieScheme : ApiTokenAuthenticationHandler.SchemeName)
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = "inbox.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromDays(14);
                o.SlidingExpiration = true;
                // An API answers 401/403; the console decides where to send the user.
                o.Events.OnRedirectToLogin = ctx => { ctx.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
                o.Events.OnRedirectToAccessDenied = ctx => { ctx.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
                o.Events.OnValidatePrincipal = CookieSessionValidator.ValidateAsync;
            })
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(null)
            .AddPolicy(AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.Admin));

        services.AddAntiforgery(o =>
        {
            o.HeaderName = Routes.AntiforgeryHeader;
            o.Cookie.Name = "inbox.xsrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        return builder;
    }

    /// <summary>Creates the first admin on an empty database.</summary>
    public static async Task SeedFirstAdminAsync(this WebApplication app) =>
        await app.Services.GetRequiredService<FirstAdminSeeder>().EnsureAsync(CancellationToken.None);
}
