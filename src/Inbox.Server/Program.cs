var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseStaticWebAssets();
var app = builder.Build();
app.UseBlazorFrameworkFiles();
app.UseRouting();
app.MapStaticAssets();
app.MapFallbackToFile("index.html");
app.Run();
public partial class Program;
