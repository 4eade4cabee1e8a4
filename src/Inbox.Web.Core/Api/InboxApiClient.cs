using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Inbox.Contracts;

namespace Inbox.Web.Api;

/// <summary>
/// Typed client of the Inbox HTTP API. Same-origin cookie auth; every state-changing call carries the
/// antiforgery header, which is fetched lazily (and again after login) and re-fetched once when the server
/// rejects it. A 401 on any call other than login/me raises <see cref="Unauthorized"/>.
/// </summary>
public sealed partial class InboxApiClient(HttpClient http)
{
    private AntiforgeryTokenDto? _antiforgery;

    /// <summary>The session is gone (401): the auth state sends the agent back to the login page.</summary>
    public event Action? Unauthorized;

    // ---- Auth ----

    /// <summary>Signs in; returns null on 401 (wrong email or password).</summary>
    public async Task<UserDto?> LoginAsync(string email, string password, bool rememberMe = false, CancellationToken ct = default)
    {
        using var response = await http.PostAsJsonAsync(Routes.Login, new LoginRequest(email, password, rememberMe), ApiJson.Options, ct);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return null;
        }
        await EnsureSuccessAsync(response, ct);
        _antiforgery = null;
        var user = await ReadAsync<UserDto>(response, ct);
        await RefreshAntiforgeryAsync(ct);
        return user;
    }

    public async Task<AuthOptionsDto> GetAuthOptionsAsync(CancellationToken ct = default)
    {
        using var response = await http.GetAsync(Routes.AuthOptions, ct);
        await EnsureSuccessAsync(response, ct);
        return await ReadAsync<AuthOptionsDto>(response, ct);
    }

    /// <summary>Always accepted (the server does not say whether the address has an account).</summary>
    public async Task ForgotPasswordAsync(string email, string language, CancellationToken ct = default)
    {
        using var response = await http.PostAsJsonAsync(Routes.ForgotPassword, new ForgotPasswordRequest(email, language), ApiJson.Options, ct);
        await EnsureSuccessAsync(response, ct);
    }

    public async Task ResetPasswordAsync(string token, string newPassword, CancellationToken ct = default)
    {
        using var response = await http.PostAsJsonAsync(Routes.ResetPassword, new ResetPasswordRequest(token, newPassword), ApiJson.Options, ct);
        await EnsureSuccessAsync(response, ct);
    }

    /// <summary>Sets the invited user's password; the server signs them in.</summary>
    public async Task<UserDto> AcceptInvitationAsync(string token, string password, CancellationToken ct = default)
    {
        using var response = await http.PostAsJsonAsync(Routes.AcceptInvitation, new AcceptInvitationRequest(token, password), ApiJson.Options, ct);
        await EnsureSuccessAsync(response, ct);
        _antiforgery = null;
        var user = await ReadAsync<UserDto>(response, ct);
        await RefreshAntiforgeryAsync(ct);
        return user;
    }

    public async Task LogoutAsync(CancellationToken ct = default)
    {
        try
        {
            using var _ = await SendAsync(HttpMethod.Post, Routes.Logout, null, ct, raiseUnauthorized: false);
        }
        finally
        {
            _antiforgery = null;
        }
    }

    /// <summary>Ends every console session of this user (every device), then this one.</summary>
    public async Task LogoutEverywhereAsync(CancellationToken ct = default)
    {
        try
        {
            using var _ = await SendAsync(HttpMethod.Post, Routes.LogoutEverywhere, null, ct, raiseUnauthorized: false);
        }
        finally
        {
            _antiforgery = null;
        }
    }

    /// <summary>The signed-in agent, or null when the cookie is missing or expired.</summary>
    public async Task<UserDto?> GetMeAsync(CancellationToken ct = default)
    {
        using var response = await http.GetAsync(Routes.Me, ct);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            return null;
        }
        await EnsureSuccessAsync(response, ct);
        return await ReadAsync<UserDto>(response, ct);
    }

    public async Task RefreshAntiforgeryAsync(CancellationToken ct = default)
    {
        using var response = await http.GetAsync(Routes.Antiforgery, ct);
        await EnsureSuccessAsync(response, ct);
        _antiforgery = await ReadAsync<AntiforgeryTokenDto>(response, ct);
    }

    /// <summary>Changes the signed-in user's password; a wrong current password is a 400 on "currentPassword".</summary>
    public Task ChangePasswordAsync(ChangePasswordRequest request, CancellationToken ct = default) =>
        SendNoContentAsync(HttpMethod.Post, Routes.ChangePassword, request, ct);

    // ---- Conversations ----

    public Task<ConversationPage> GetConversationsAsync(ConversationQuery query, CancellationToken ct = default) =>
        GetAsync<ConversationPage>(query.ToUrl(), ct);

    public Task<ConversationDto> GetConversationAsync(long id, CancellationToken ct = default) =>
        GetAsync<ConversationDto>(Routes.Conversation(id), ct);

    public Task<MessagePage> GetMessagesAsync(long conversationId, string? cursor = null, int limit = 50, CancellationToken ct = default)
    {
        var url = $"{Routes.ConversationMessages(conversationId)}?limit={limit.ToString(CultureInfo.InvariantCulture)}";
        if (!string.IsNullOrEmpty(cursor))
        {
            url += "&cursor=" + Uri.EscapeDataString(cursor);
        }
        return GetAsync<MessagePage>(url, ct);
    }

    public Task<MessageDto> ReplyAsync(long conversationId, ReplyRequest request, CancellationToken ct = default) =>
        PostAsync<MessageDto>(Routes.ConversationMessages(conversationId), request, ct);

    /// <summary>Queues a failed reply again (same delivery, same idempotency key).</summary>
    public Task<MessageDto> RetryMessageAsync(long conversationId, long messageId, CancellationToken ct = default) =>
        PostAsync<MessageDto>(Routes.MessageRetry(conversationId, messageId), new { }, ct);

    /// <summary>Uploads a file for a reply (multipart, field "file"); <paramref name="open"/> may be called twice (a retry).</summary>
    public Task<UploadDto> UploadAsync(string fileName, string contentType, Func<Stream> open, CancellationToken ct = default) =>
        SendForAsync<UploadDto>(HttpMethod.Post, Routes.Files, new Func<HttpContent>(() =>
        {
            var file = new StreamContent(open());
            file.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var type)
                ? type : new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            return new MultipartFormDataContent { { file, "file", fileName } };
        }), ct);

    public Task<MessageDto> AddNoteAsync(long conversationId, NoteRequest request, CancellationToken ct = default) =>
        PostAsync<MessageDto>(Routes.ConversationNotes(conversationId), request, ct);

    public Task<ConversationDto> ChangeStatusAsync(long conversationId, ConversationStatus status, CancellationToken ct = default) =>
        PostAsync<ConversationDto>(Routes.ConversationStatus(conversationId), new ChangeStatusRequest(status), ct);

    public Task<ConversationDto> SnoozeAsync(long conversationId, DateTimeOffset until, CancellationToken ct = default) =>
        PostAsync<ConversationDto>(Routes.ConversationSnooze(conversationId), new SnoozeRequest(until), ct);

    public Task<ConversationDto> AssignAsync(long conversationId, long? assigneeId, long? teamId, CancellationToken ct = default) =>
        PostAsync<ConversationDto>(Routes.ConversationAssign(conversationId), new AssignRequest(assigneeId, teamId), ct);

    public Task<IReadOnlyList<ActivityDto>> GetActivityAsync(long conversationId, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<ActivityDto>>(Routes.ConversationActivity(conversationId), ct);

    public Task<ConversationDto> MarkReadAsync(long conversationId, CancellationToken ct = default) =>
        PostAsync<ConversationDto>(Routes.ConversationRead(conversationId), null, ct);

    // ---- Agent tools: labels, priority, bulk, canned responses, mentions ----

    public Task<ConversationDto> SetPriorityAsync(long conversationId, ConversationPriority priority, CancellationToken ct = default) =>
        PostAsync<ConversationDto>(Routes.ConversationPriority(conversationId), new SetPriorityRequest(priority), ct);

    public Task<ConversationDto> AddLabelAsync(long conversationId, long labelId, CancellationToken ct = default) =>
        PostAsync<ConversationDto>(Routes.ConversationLabels(conversationId), new ApplyLabelRequest(labelId), ct);

    public Task<ConversationDto> RemoveLabelAsync(long conversationId, long labelId, CancellationToken ct = default) =>
        SendForAsync<ConversationDto>(HttpMethod.Delete, Routes.ConversationLabel(conversationId, labelId), null, ct);

    public Task<BulkResultDto> BulkAsync(BulkRequest request, CancellationToken ct = default) =>
        PostAsync<BulkResultDto>(Routes.ConversationsBulk, request, ct);

    public Task<IReadOnlyList<LabelDto>> GetLabelsAsync(CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<LabelDto>>(Routes.Labels, ct);

    public Task<LabelDto> CreateLabelAsync(SaveLabelRequest request, CancellationToken ct = default) => PostAsync<LabelDto>(Routes.Labels, request, ct);

    public Task<LabelDto> UpdateLabelAsync(long id, SaveLabelRequest request, CancellationToken ct = default) =>
        SendForAsync<LabelDto>(HttpMethod.Put, Routes.Label(id), request, ct);

    public Task DeleteLabelAsync(long id, CancellationToken ct = default) => SendNoContentAsync(HttpMethod.Delete, Routes.Label(id), null, ct);

    public Task<IReadOnlyList<CannedResponseDto>> GetCannedResponsesAsync(CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<CannedResponseDto>>(Routes.CannedResponses, ct);

    public Task<CannedResponseDto> CreateCannedResponseAsync(SaveCannedResponseRequest request, CancellationToken ct = default) =>
        PostAsync<CannedResponseDto>(Routes.CannedResponses, request, ct);

    public Task<CannedResponseDto> UpdateCannedResponseAsync(long id, SaveCannedResponseRequest request, CancellationToken ct = default) =>
        SendForAsync<CannedResponseDto>(HttpMethod.Put, Routes.CannedResponse(id), request, ct);

    public Task DeleteCannedResponseAsync(long id, CancellationToken ct = default) =>
        SendNoContentAsync(HttpMethod.Delete, Routes.CannedResponse(id), null, ct);

    public Task<IReadOnlyList<NotificationDto>> GetNotificationsAsync(CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<NotificationDto>>(Routes.Notifications, ct);

    // ---- Presence: agent status, who has which thread open ----

    public Task<IReadOnlyList<AgentStatusDto>> GetAgentStatusesAsync(CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<AgentStatusDto>>(Routes.AgentStatuses, ct);

    public Task<AgentStatusDto> SetAvailabilityAsync(AgentAvailability availability, CancellationToken ct = default) =>
        SendForAsync<AgentStatusDto>(HttpMethod.Put, Routes.MyAvailability, new SetAvailabilityRequest(availability), ct);

    public Task<IReadOnlyList<ConversationViewersDto>> GetConversationViewersAsync(CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<ConversationViewersDto>>(Routes.ConversationViewers, ct);

    // ---- Contacts ----

    public Task<ContactDto> GetContactAsync(long id, CancellationToken ct = default) =>
        GetAsync<ContactDto>(Routes.Contact(id), ct);

    public Task<ContactDto> UpdateContactAsync(long id, UpdateContactRequest request, CancellationToken ct = default) =>
        SendForAsync<ContactDto>(HttpMethod.Patch, Routes.Contact(id), request, ct);

    /// <summary>Contacts the caller may see whose name, email, phone or any address matches (at least 2 characters).</summary>
    public Task<IReadOnlyList<ContactSummaryDto>> SearchContactsAsync(string query, int limit = 20, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<ContactSummaryDto>>(
            $"{Routes.Contacts}?q={Uri.EscapeDataString(query)}&limit={limit.ToString(CultureInfo.InvariantCulture)}", ct);

    /// <summary>GET /api/search: messages (all words, as prefixes) or contacts (no query lists them all), newest first.</summary>
    public Task<SearchResultsDto> SearchAsync(SearchKind kind, string? query, string? cursor = null, long? channelId = null, int limit = 20, CancellationToken ct = default) =>
        GetAsync<SearchResultsDto>($"{Routes.Search}?kind={kind.ToString().ToLowerInvariant()}&q={Uri.EscapeDataString(query ?? "")}&limit={limit.ToString(CultureInfo.InvariantCulture)}"
            + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))
            + (channelId is { } channel ? "&channel=" + channel.ToString(CultureInfo.InvariantCulture) : ""), ct);

    public Task<ContactDto> MergeContactAsync(long targetId, long sourceId, CancellationToken ct = default) =>
        PostAsync<ContactDto>(Routes.ContactMerge(targetId), new MergeContactsRequest(sourceId), ct);

    // ---- Website visitors ----

    /// <summary>Who is on the shops' sites now (the widget), newest visit first.</summary>
    public Task<IReadOnlyList<LiveVisitorDto>> GetLiveVisitorsAsync(CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<LiveVisitorDto>>(WidgetRoutes.LiveVisitors, ct);

    /// <summary>Starts the chat with a visitor: their widget opens with this message.</summary>
    public Task<MessageDto> InviteVisitorAsync(string visitorId, string text, CancellationToken ct = default) =>
        PostAsync<MessageDto>(WidgetRoutes.Invite(visitorId), new InviteVisitorRequest(text), ct);

    // ---- Directory ----

    public Task<IReadOnlyList<UserDto>> GetUsersAsync(CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<UserDto>>(Routes.Users, ct);

    public Task<IReadOnlyList<TeamDto>> GetTeamsAsync(CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<TeamDto>>(Routes.Teams, ct);

    public Task<IReadOnlyList<ChannelDto>> GetChannelsAsync(CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<ChannelDto>>(Routes.Channels, ct);

    /// <summary>The channel types the server runs, with the fields of their settings forms.</summary>
    public Task<IReadOnlyList<ChannelTypeDto>> GetChannelTypesAsync(CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<ChannelTypeDto>>(Routes.ChannelTypes, ct);

    public Task<ChannelCreatedDto> CreateChannelAsync(CreateChannelRequest request, CancellationToken ct = default) =>
        PostAsync<ChannelCreatedDto>(Routes.Channels, request, ct);

    public Task<ChannelDto> UpdateChannelAsync(long id, UpdateChannelRequest request, CancellationToken ct = default) =>
        SendForAsync<ChannelDto>(HttpMethod.Patch, Routes.Channel(id), request, ct);

    /// <summary>The channel's webhook URL (for types that take webhooks) and its health; admins only.</summary>
    public Task<UserDto> InviteUserAsync(InviteUserRequest request, CancellationToken ct = default) =>
        PostAsync<UserDto>(Routes.Invitations, request, ct);

    public Task<KeyProtectionDto> GetKeyProtectionAsync(CancellationToken ct = default) => GetAsync<KeyProtectionDto>(Routes.KeyProtection, ct);

    public Task<ChannelRotatedDto> RotateChannelAsync(long id, int graceHours, CancellationToken ct = default) =>
        PostAsync<ChannelRotatedDto>(Routes.ChannelRotate(id), new RotateChannelRequest(graceHours), ct);

    public Task<ChannelDto> ArchiveChannelAsync(long id, CancellationToken ct = default) =>
        SendForAsync<ChannelDto>(HttpMethod.Delete, Routes.Channel(id), null, ct);

    public Task<ChannelHealthDto> GetChannelHealthAsync(long id, CancellationToken ct = default) =>
        GetAsync<ChannelHealthDto>(Routes.ChannelHealth(id), ct);

    public Task<ConnectionTestDto> TestChannelAsync(long id, CancellationToken ct = default) =>
        PostAsync<ConnectionTestDto>(Routes.ChannelTest(id), null, ct);

    public Task<UserDto> CreateUserAsync(CreateUserRequest request, CancellationToken ct = default) =>
        PostAsync<UserDto>(Routes.Users, request, ct);

    /// <summary>
    /// Admin edit of a user: only the fields set are sent (absent means unchanged). A 409 means the change would leave
    /// no active admin.
    /// </summary>
    public Task<UserDto> UpdateUserAsync(long id, UpdateUserRequest request, CancellationToken ct = default) =>
        SendForAsync<UserDto>(HttpMethod.Patch, Routes.User(id), request, ct, ApiJson.OmitNulls);

    public Task<TeamDto> CreateTeamAsync(CreateTeamRequest request, CancellationToken ct = default) =>
        PostAsync<TeamDto>(Routes.Teams, request, ct);

    /// <summary>
    /// Renames a team and/or replaces its members: only the fields set are sent (absent means unchanged). A 409 means
    /// another team already has the name.
    /// </summary>
    public Task<TeamDto> UpdateTeamAsync(long id, UpdateTeamRequest request, CancellationToken ct = default) =>
        SendForAsync<TeamDto>(HttpMethod.Put, Routes.Team(id), request, ct, ApiJson.OmitNulls);

    // ---- Personal API tokens ----

    public Task<IReadOnlyList<ApiTokenDto>> GetTokensAsync(CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<ApiTokenDto>>(Routes.Tokens, ct);

    public Task<ApiTokenCreatedDto> CreateTokenAsync(CreateApiTokenRequest request, CancellationToken ct = default) =>
        PostAsync<ApiTokenCreatedDto>(Routes.Tokens, request, ct);

    public Task RevokeTokenAsync(long id, CancellationToken ct = default) =>
        SendNoContentAsync(HttpMethod.Delete, Routes.Token(id), null, ct);

    /// <summary>Whether free text may go out now on the channel (WhatsApp's 24-hour window), and its templates.</summary>
    public Task<ReplyWindowDto> GetReplyWindowAsync(long conversationId, long identityId, long channelId, CancellationToken ct = default) =>
        GetAsync<ReplyWindowDto>($"{Routes.ConversationReplyWindow(conversationId)}?identityId={identityId}&channelId={channelId}", ct);

    /// <summary>Where a reply can go now and why not (hand-off feature).</summary>
    public Task<ReachabilityDto> GetReachabilityAsync(long conversationId, CancellationToken ct = default) =>
        GetAsync<ReachabilityDto>(HandoffRoutes.ConversationReachability(conversationId), ct);

    /// <summary>A one-time link for the customer to continue on the channel.</summary>
    public Task<HandoffOfferDto> OfferHandoffAsync(long conversationId, long channelId, CancellationToken ct = default) =>
        PostAsync<HandoffOfferDto>(HandoffRoutes.ConversationHandoff(conversationId), new HandoffRequest(channelId), ct);

    /// <summary>Why each identity joined the contact automatically, undone links included.</summary>
    public Task<IReadOnlyList<IdentityLinkDto>> GetContactLinksAsync(long contactId, CancellationToken ct = default) =>
        GetAsync<IReadOnlyList<IdentityLinkDto>>(HandoffRoutes.ContactLinks(contactId), ct);

    /// <summary>Undoes a wrong link: the identity and its messages move into a contact and thread of their own.</summary>
    public Task<SplitDto> SplitIdentityAsync(long contactId, long identityId, CancellationToken ct = default) =>
        PostAsync<SplitDto>(HandoffRoutes.IdentitySplit(contactId, identityId), new { }, ct);

    public Task<SmsSegmentsDto> CountSmsSegmentsAsync(string text, CancellationToken ct = default) =>
        PostAsync<SmsSegmentsDto>(Routes.SmsSegments, new SmsSegmentsRequest(text), ct);

    // ---- Plumbing ----

    private async Task<T> GetAsync<T>(string url, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Get, url, null, ct);
        return await ReadAsync<T>(response, ct);
    }

    private Task<T> PostAsync<T>(string url, object? body, CancellationToken ct) => SendForAsync<T>(HttpMethod.Post, url, body, ct);

    private async Task SendNoContentAsync(HttpMethod method, string url, object? body, CancellationToken ct)
    {
        using var _ = await SendAsync(method, url, body, ct);
    }

    private async Task<T> SendForAsync<T>(HttpMethod method, string url, object? body, CancellationToken ct, System.Text.Json.JsonSerializerOptions? options = null)
    {
        using var response = await SendAsync(method, url, body, ct, options: options);
        return await ReadAsync<T>(response, ct);
    }

    /// <summary>Sends, adding the antiforgery header to unsafe methods and retrying once with a fresh token.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body, CancellationToken ct,
        bool raiseUnauthorized = true, System.Text.Json.JsonSerializerOptions? options = null)
    {
        var unsafeMethod = method != HttpMethod.Get && method != HttpMethod.Head;
        if (unsafeMethod && _antiforgery is null)
        {
            await TryRefreshAntiforgeryAsync(ct);
        }

        var response = await http.SendAsync(Build(method, url, body, unsafeMethod, options), ct);
        if (unsafeMethod && await LooksLikeAntiforgeryFailureAsync(response, ct))
        {
            response.Dispose();
            await TryRefreshAntiforgeryAsync(ct);
            response = await http.SendAsync(Build(method, url, body, unsafeMethod, options), ct);
        }

        if (response.StatusCode == HttpStatusCode.Unauthorized && raiseUnauthorized)
        {
            Unauthorized?.Invoke();
        }
        if (!response.IsSuccessStatusCode)
        {
            try
            {
                await EnsureSuccessAsync(response, ct);
            }
            finally
            {
                response.Dispose();
            }
        }
        return response;
    }

    private HttpRequestMessage Build(HttpMethod method, string url, object? body, bool unsafeMethod, System.Text.Json.JsonSerializerOptions? options)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is Func<HttpContent> content)
        {
            request.Content = content();
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: options ?? ApiJson.Options);
        }
        if (unsafeMethod && _antiforgery is { } token)
        {
            request.Headers.TryAddWithoutValidation(
                string.IsNullOrEmpty(token.HeaderName) ? Routes.AntiforgeryHeader : token.HeaderName,
                token.Token);
        }
        return request;
    }

    private async Task TryRefreshAntiforgeryAsync(CancellationToken ct)
    {
        try
        {
            await RefreshAntiforgeryAsync(ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or ApiException)
        {
            _antiforgery = null;
        }
    }

    /// <summary>
    /// A 400/403 that is not a validation problem (no <c>errors</c>) may be a stale antiforgery token (it is bound
    /// to the signed-in user and rotates on login); such a request did nothing on the server, so one retry is safe.
    /// </summary>
    private static async Task<bool> LooksLikeAntiforgeryFailureAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.StatusCode is not (HttpStatusCode.BadRequest or HttpStatusCode.Forbidden))
        {
            return false;
        }
        var problem = await TryReadProblemAsync(response, ct);
        return problem?.Errors is not { Count: > 0 };
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        throw new ApiException(response.StatusCode, await TryReadProblemAsync(response, ct));
    }

    private static async Task<ProblemDetailsDto?> TryReadProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            await response.Content.LoadIntoBufferAsync(ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            return string.IsNullOrWhiteSpace(text)
                ? null
                : System.Text.Json.JsonSerializer.Deserialize<ProblemDetailsDto>(text, ApiJson.Options);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct) =>
        await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, ct)
        ?? throw new ApiException(response.StatusCode, null);
}
