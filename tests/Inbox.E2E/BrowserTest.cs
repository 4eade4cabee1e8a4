using Microsoft.Playwright;

namespace Inbox.E2E;

/// <summary>A real server process and Debian's Chromium for one test class, with the steps every scenario starts with.</summary>
public abstract class BrowserTest : IAsyncLifetime
{
    protected ServerProcess Server { get; private set; } = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        Server = await ServerProcess.StartAsync();
        (_playwright, _browser) = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await Server.DisposeAsync();
    }

    protected async Task<IPage> NewPageAsync(string locale, int height = 860, int width = 1400)
    {
        var context = await _browser.NewContextAsync(new() { Locale = locale, ViewportSize = new() { Width = width, Height = height } });
        return await context.NewPageAsync();
    }

    protected Task GoToAsync(IPage page, string path) => page.GotoAsync(new Uri(Server.BaseAddress, path).ToString());

    /// <param name="server">Another server than the class's (a scenario that needs its own settings).</param>
    protected async Task SignInAsync(IPage page, string email = ServerProcess.AdminEmail, string password = ServerProcess.AdminPassword, ServerProcess? server = null)
    {
        await page.GotoAsync(new Uri((server ?? Server).BaseAddress, "/login").ToString());
        await page.Locator(".login-email input").FillAsync(email, new() { Timeout = 30_000 });
        await page.Locator(".login-password input").FillAsync(password);
        await page.Locator(".login-submit").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login"), new() { Timeout = 30_000 });
    }
}
