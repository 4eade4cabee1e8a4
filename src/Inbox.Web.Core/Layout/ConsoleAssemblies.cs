using System.Reflection;
using Microsoft.AspNetCore.Components.WebAssembly.Services;

namespace Inbox.Web.Layout;

/// <summary>
/// The signed-in console, lazy-loaded (<c>BlazorWebAssemblyLazyLoad</c> in Inbox.Web.csproj) so the sign-in form does
/// not wait for it: its pages (Inbox.Web.Console) and what only they run. MudBlazor's form fields need
/// System.Linq.Expressions, which the pages before sign-in avoid by using plain fields (<c>Auth/SignInField</c>).
/// The app's router loads these before it routes to any page of the console.
/// </summary>
public sealed class ConsoleAssemblies(LazyAssemblyLoader loader)
{
    public const string Pages = "Inbox.Web.Console.wasm";

    /// <summary>Keep in step with the BlazorWebAssemblyLazyLoad items in Inbox.Web.csproj.</summary>
    public static readonly string[] Names =
    [
        Pages,
        "System.Linq.Expressions.wasm",
        "System.Runtime.Numerics.wasm",
        "System.ComponentModel.Annotations.wasm",
        "Microsoft.AspNetCore.Components.Forms.wasm",
    ];

    private Task<Assembly>? _loading;

    /// <summary>Whether the console's pages are loaded (the router can route to them).</summary>
    public bool Loaded => _loading is { IsCompletedSuccessfully: true };

    /// <summary>Loads them once and answers the assembly holding the console's pages.</summary>
    public Task<Assembly> LoadAsync() => _loading ??= LoadOnceAsync();

    private async Task<Assembly> LoadOnceAsync()
    {
        try
        {
            var loaded = await loader.LoadAssembliesAsync(Names);
            // Outside the browser (tests) the loader answers nothing new: the assembly is already there.
            return loaded.FirstOrDefault(a => a.GetName().Name + ".wasm" == Pages)
                ?? Assembly.Load(Path.GetFileNameWithoutExtension(Pages));
        }
        catch
        {
            _loading = null; // a failed download is tried again on the next call
            throw;
        }
    }
}
