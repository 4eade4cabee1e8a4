using System.Security.Cryptography;
using Inbox.Contracts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Inbox.Server.Agents;

/// <summary>On an empty database, creates the first admin so a new install can log in.</summary>
public sealed class FirstAdminSeeder(UserStore users, IPasswordHasher<User> hasher, IOptions<AdminBootstrapOptions> options, TimeProvider time, ILogger<FirstAdminSeeder> logger)
{
    public async Task EnsureAsync(CancellationToken ct)
    {
        if (await users.AnyAsync(ct)) return;
        var o = options.Value;
        var generated = string.IsNullOrEmpty(o.Password);
        var password = generated ? RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 16) : o.Password!;
        var admin = new User { Email = o.Email, DisplayName = o.DisplayName, Role = Roles.Admin };
        var created = await users.CreateAsync(o.Email, o.DisplayName, Roles.Admin, hasher.HashPassword(admin, password), time.GetUtcNow(), ct);
        if (created is null) return; // another node won the race
        logger.LogInformation("Created the first admin user {UserId}", created.Id);
        if (generated)
        {
            // Deliberately the console, not the log pipeline: shown once, never stored.
            Console.WriteLine($"""

                ================================================================
                 Inbox: first admin created
                   email:    {created.Email}
                   password: {password}
                 This password is shown only once. Sign in and change it.
                ================================================================

                """);
        }
    }
}
