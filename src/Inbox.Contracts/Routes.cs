namespace Inbox.Contracts;

/// <summary>The HTTP surface, shared by server, console and tests.</summary>
public static class Routes
{
    public const string AgentHub = "/hubs/agent";
    public const string Login = "/api/auth/login";
    public const string AuthOptions = "/api/auth/options";
    public const string AcceptInvitation = "/api/auth/invitations/accept";
    public const string ForgotPassword = "/api/auth/password/forgot";
    public const string ResetPassword = "/api/auth/password/reset";
    public const string Invitations = "/api/users/invitations";
    public const string Logout = "/api/auth/logout";
    /// <summary>Ends every console session of the caller, on every device.</summary>
    public const string LogoutEverywhere = "/api/auth/logout-everywhere";
    public const string Me = "/api/auth/me";
    /// <summary>PUT: the caller's Online/Away choice (stored; others see it while the caller is connected).</summary>
    public const string MyAvailability = "/api/auth/me/availability";
    /// <summary>GET: every agent who is not offline, with their status.</summary>
    public const string AgentStatuses = "/api/users/statuses";
    public const string Antiforgery = "/api/auth/antiforgery";
    public const string Conversations = "/api/conversations";
    public static string Conversation(long id) => $"/api/conversations/{id}";
    public static string ConversationMessages(long id) => $"/api/conversations/{id}/messages";
    /// <summary>The thread's activity lines (GET), oldest first.</summary>
    public static string ConversationActivity(long id) => $"/api/conversations/{id}/activity";
    public static string MessageRetry(long conversationId, long messageId) => $"/api/conversations/{conversationId}/messages/{messageId}/retry";
    public static string MessageOriginal(long conversationId, long messageId) => $"/api/conversations/{conversationId}/messages/{messageId}/original";
    public static string ConversationNotes(long id) => $"/api/conversations/{id}/notes";
    public static string ConversationReplyWindow(long id) => $"/api/conversations/{id}/reply-window";
    public const string SmsSegments = "/api/sms/segments";
    public static string ConversationStatus(long id) => $"/api/conversations/{id}/status";
    public static string ConversationSnooze(long id) => $"/api/conversations/{id}/snooze";
    public static string ConversationAssign(long id) => $"/api/conversations/{id}/assign";
    public static string ConversationRead(long id) => $"/api/conversations/{id}/read";
    public static string ConversationPriority(long id) => $"/api/conversations/{id}/priority";
    public static string ConversationLabels(long id) => $"/api/conversations/{id}/labels";
    public static string ConversationLabel(long id, long labelId) => $"/api/conversations/{id}/labels/{labelId}";
    /// <summary>One action on several conversations; the answer reports each one.</summary>
    public const string ConversationsBulk = "/api/conversations/bulk";
    public const string Labels = "/api/labels";
    public static string Label(long id) => $"/api/labels/{id}";
    /// <summary>The caller's personal canned responses and the shared ones.</summary>
    public const string CannedResponses = "/api/canned-responses";
    public static string CannedResponse(long id) => $"/api/canned-responses/{id}";
    /// <summary>The caller's bell: where they were @mentioned or assigned a conversation by someone else, newest first.</summary>
    public const string Notifications = "/api/notifications";
    /// <summary>Who has which thread open now, across nodes, in the conversations the caller may see.</summary>
    public const string ConversationViewers = "/api/conversations/viewers";
    public const string Contacts = "/api/contacts";
    public static string Contact(long id) => $"/api/contacts/{id}";
    public static string ContactMerge(long id) => $"/api/contacts/{id}/merge";
    /// <summary>Search: ?q=…&amp;kind=messages|contacts&amp;cursor=…&amp;limit=… (contacts also take channel=).</summary>
    public const string Search = "/api/search";
    public const string Channels = "/api/channels";
    public static string Channel(long id) => $"/api/channels/{id}";
    public static string ChannelInbound(long id) => $"/api/channels/{id}/inbound";
    public static string ChannelHealth(long id) => $"/api/channels/{id}/health";
    public static string ChannelRotate(long id) => $"/api/channels/{id}/rotate";
    public const string KeyProtection = "/api/channels/protection";
    /// <summary>Every channel type the server runs, with its settings fields and capabilities.</summary>
    public const string ChannelTypes = "/api/channel-types";
    public const string Files = "/api/files";
    public static string Attachment(long id) => $"/api/attachments/{id}";
    public const string Users = "/api/users";
    public static string User(long id) => $"/api/users/{id}";
    public const string ChangePassword = "/api/auth/password";
    public static string ChannelTest(long id) => $"/api/channels/{id}/test";
    public const string Teams = "/api/teams";
    public static string Team(long id) => $"/api/teams/{id}";
    public const string Tokens = "/api/tokens";
    public static string Token(long id) => $"/api/tokens/{id}";
    /// <summary>Commerce: the contact's orders from every source, by every email and phone they have.</summary>
    public static string ContactOrders(long contactId) => $"/api/contacts/{contactId}/orders";
    public const string Commerce = "/api/commerce";
    /// <summary>Product search (q = name, SKU or colour; city or contactId puts that city's locations first).</summary>
    public const string CommerceProducts = "/api/commerce/products";
    public const string CommerceLocations = "/api/commerce/locations";
    /// <summary>The branches the caller works (branch staff: theirs; everyone else: all).</summary>
    public const string CommerceBranches = "/api/commerce/branches";
    /// <summary>Admin: the connected WooCommerce shop (GET, PUT, DELETE).</summary>
    public const string CommerceWooCommerce = "/api/commerce/woocommerce";
    /// <summary>Asks the order's shop to cancel it (a note or a status change, per the shop's rule).</summary>
    public const string CommerceOrderCancellation = "/api/commerce/orders/cancellation";
    /// <summary>Admin: JSON import of locations, products, stock and orders into the built-in catalogue.</summary>
    public const string CommerceImport = "/api/commerce/import";
    /// <summary>Admin: products and stock as CSV (sku, name, price, currency, stock:CODE…, attribute columns).</summary>
    public const string CommerceImportCsv = "/api/commerce/import/csv";
    /// <summary>Reply text (es/en) about a product's stock or a reservation, for the composer.</summary>
    public const string CommerceSummary = "/api/commerce/summary";
    public static string LocationReservations(long locationId) => $"/api/commerce/locations/{locationId}/reservations";
    /// <summary>Admin: the branch's staff (GET, PUT).</summary>
    public static string LocationStaff(long locationId) => $"/api/commerce/locations/{locationId}/staff";
    public static string ConversationReservations(long conversationId) => $"/api/conversations/{conversationId}/reservations";
    public static string Reservation(long id) => $"/api/commerce/reservations/{id}";
    public static string ReservationPickup(long id) => $"/api/commerce/reservations/{id}/pickup";
    public static string ReservationRelease(long id) => $"/api/commerce/reservations/{id}/release";
    /// <summary>Sends the reservation's confirmation to the customer on their channel, as a reply.</summary>
    public static string ReservationSend(long id) => $"/api/commerce/reservations/{id}/send";
    /// <summary>Header carrying the API channel's inbound token.</summary>
    public const string ChannelTokenHeader = "X-Inbox-Channel-Token";
    public const string AntiforgeryHeader = "X-XSRF-TOKEN";
}
