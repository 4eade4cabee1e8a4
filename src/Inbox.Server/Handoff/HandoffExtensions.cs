using Inbox.Server.Contacts;

namespace Inbox.Server.Handoff;

public static class HandoffExtensions
{
    /// <summary>Hand-off codes between channels, identity link records and splitting a wrong link off.</summary>
    public static WebApplicationBuilder AddInboxHandoff(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<HandoffOptions>().BindConfiguration(HandoffOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        s.AddSingleton<HandoffStore>();
        s.AddSingleton<HandoffLinks>();
        s.AddSingleton<Handoffs>();
        s.AddSingleton<EmailVerificationStore>();
        s.AddSingleton<EmailHandoffs>();
        s.AddSingleton<IdentityLinks>();
        s.AddSingleton<IdentitySplit>();
        s.AddSingleton<Reachability>();
        s.AddSingleton<Widget.OfflineEmailCopies>();
        return builder;
    }
}
