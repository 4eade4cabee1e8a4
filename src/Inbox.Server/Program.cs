using Inbox.Server.Agents;
using Inbox.Server.Api;
using Inbox.Server.Channels;
using Inbox.Server.Commerce;
using Inbox.Server.Data;
using Inbox.Server.Files;
using Inbox.Server.Handoff;
using Inbox.Server.Hubs;
using Inbox.Server.Messaging;
using Inbox.Server.Search;
using Inbox.Server.Widget;

if (args is ["backup" or "restore", _, ..]) return await DataCommands.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseStaticWebAssets();
// Under systemd (deploy/inbox.service, Type=notify): readiness and stop are signalled, logs go to the journal. Elsewhere a no-op.
builder.Host.UseSystemd();
builder.UseInboxDefaultUrl();
builder.Services.AddSingleton(TimeProvider.System);
// Without an appsettings.json the framework logs two Information lines per request (hosting, routing): at thousands of
// inbound messages a second that costs more than the request. Warning unless the configuration says otherwise.
if (builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"] is null) builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

builder.AddInboxPersistence();
builder.AddInboxAuth();
builder.AddInboxFiles();
// Messaging before channels: hosted services stop in reverse order, so channel listeners stop before the writer they feed.
builder.AddInboxMessaging();
builder.AddInboxChannels();
builder.AddInboxLive();
builder.AddInboxWidget();
builder.AddInboxHandoff();
builder.AddInboxCommerce();
builder.AddInboxSearch();
builder.AddInboxApi();

var app = builder.Build();
app.MigrateInboxDatabase();
await app.SeedFirstAdminAsync();

app.UseForwardedHeaders();
app.UseInboxSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseInboxWidgetCors();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.MapInboxConsoleAssets();
app.MapInboxApi();
app.MapInboxHubs();
app.MapInboxWidget();
app.MapFallbackToFile("index.html");

app.Run();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
