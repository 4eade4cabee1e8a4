using Microsoft.AspNetCore.Components.WebAssembly.Services;

namespace Inbox.Web.Layout;

/// <summary>
/// Assemblies only the signed-in console runs, lazy-loaded (<c>BlazorWebAssemblyLazyLoad</c> in Inbox.Web.csproj) so
/// the sign-in form does not wait for them: MudBlazor's form fields need System.Linq.Expressions, which the pages
/// before sign-in avoid by using plain fields (<c>Auth/SignInField</c>). <see cref="MainLayout"/> loads them before
/// it renders anything signed-in.
/// </summary>
public sealed class ConsoleAssemblies(LazyAssemblyLoader loader)
{
    /// <summary>Keep in step with the BlazorWebAssemblyLazyLoad items in Inbox.Web.csproj.</summary>
    public static readonly string[] Names =
    [
        "System.Linq.Expressions.wasm",
        "System.Runtime.Numerics.wasm",
        "System.ComponentModel.Annotations.wasm",
        "Microsoft.AspNetCore.Components.Forms.wasm",
    ];

    private Task? _loading;

    public Task LoadAsync() => _loading ??= LoadOnceAsync();

    private async Task LoadOnceAsync()
    {
        try
        {
            await loader.LoadAssembliesAsync(Names);
        }
        catch
        {
            _loading = null; // a failed download is tried again on the next call
            throw;
        }
    }
}
