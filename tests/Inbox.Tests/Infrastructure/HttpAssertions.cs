using System.Net;
using System.Net.Http.Json;
using Xunit.Sdk;

namespace Inbox.Tests.Infrastructure;

/// <summary>Assertions that print the response body when they fail.</summary>
public static class HttpAssertions
{
    public static HttpResponseMessage EnsureSuccessOrDump(this HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new XunitException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {response.Content.ReadAsStringAsync().Result}");
        return response;
    }

    public static async Task<T> ReadJsonOrDumpAsync<T>(this HttpResponseMessage response)
    {
        response.EnsureSuccessOrDump();
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    public static async Task<string> AssertStatusAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
            throw new XunitException($"Expected {(int)expected} but got {(int)response.StatusCode}: {body}");
        return body;
    }

    public static async Task<T> PostJsonAsync<T>(this HttpClient client, string url, object body) =>
        await (await client.PostAsJsonAsync(url, body)).ReadJsonOrDumpAsync<T>();

    public static async Task<T> GetJsonAsync<T>(this HttpClient client, string url) =>
        await (await client.GetAsync(url)).ReadJsonOrDumpAsync<T>();
}
