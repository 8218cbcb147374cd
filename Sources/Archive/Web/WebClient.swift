import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// How the archive behaves on the web: it names itself, waits a bounded time, reads a bounded
/// amount, follows a bounded number of redirects, keeps no cookies, speaks only http and
/// https, asks at most a few things at once and pauses between requests to one host.
public struct FetchPolicy: Sendable {
    /// For the whole request, redirects included.
    public var timeout: TimeInterval = 30
    /// Larger answers are refused (20 MiB).
    public var maxBytes = 20 << 20
    public var maxRedirects = 5
    /// Requests in flight at once, over all hosts.
    public var concurrency = 4
    /// The pause between two requests to the same host.
    public var hostDelay: TimeInterval = 1
    public var userAgent = "archive/\(ArchiveVersion.current) (news archive; +https://github.com/archive-news/archive)"

    public init() {}
}

/// The version of the library, as it names itself on the web.
public enum ArchiveVersion {
    public static let current = "0.2.0"
}

/// Validators from an earlier answer, for a conditional request (ETag, Last-Modified).
public struct Validators: Sendable, Equatable {
    public var etag: String?
    public var lastModified: String?

    public init(etag: String? = nil, lastModified: String? = nil) {
        self.etag = etag
        self.lastModified = lastModified
    }
}

/// A resource as fetched.
public struct FetchedResource: Sendable {
    /// The url after redirects.
    public var finalURL: String
    public var contentType: String?
    public var validators: Validators
    public var body: [UInt8]
}

/// What became of one request.
public enum FetchOutcome: Sendable {
    case fetched(FetchedResource)
    /// 304: unchanged since the validators were given.
    case notModified
    case failed(FetchError)
}

/// Why a url could not be fetched, said in one line with the url (credentials left out):
/// `https://…: HTTP 404`, `…: timed out after 30 s`.
public struct FetchError: Error, Sendable, Equatable, CustomStringConvertible {
    public var url: String
    public var reason: String

    public init(url: String, reason: String) {
        self.url = WebClient.withoutCredentials(url)
        self.reason = reason
    }

    public var description: String { "\(url): \(reason)" }
}

/// The archive's HTTP client, shared by every fetch of a run. Call `shutdown()` when done.
public final class WebClient: Sendable {
    public let policy: FetchPolicy
    private let client: HTTPClient
    private let schedule = HostSchedule()

    public init(policy: FetchPolicy = FetchPolicy()) {
        self.policy = policy
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .follow(max: policy.maxRedirects, allowCycles: false),
            timeout: .init(connect: .seconds(Int64(min(policy.timeout, 10))), read: .seconds(Int64(policy.timeout))),
            decompression: .enabled(limit: .size(policy.maxBytes)))
        configuration.httpVersion = .http1Only
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    public func shutdown() async {
        try? await client.shutdown()
    }

    /// Fetches `url`, conditionally when `validators` are given.
    public func fetch(_ url: String, validators: Validators? = nil) async -> FetchOutcome {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), let host = parsed.host, !host.isEmpty else {
            return .failed(FetchError(url: url, reason: "not a web address"))
        }
        guard scheme == "http" || scheme == "https" else {
            return .failed(FetchError(url: url, reason: "only http and https addresses are fetched, not \(scheme)"))
        }
        await schedule.wait(for: host.lowercased(), pause: policy.hostDelay)
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "User-Agent", value: policy.userAgent)
        request.headers.add(name: "Accept", value: "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.8")
        if let etag = validators?.etag { request.headers.add(name: "If-None-Match", value: etag) }
        if let lastModified = validators?.lastModified { request.headers.add(name: "If-Modified-Since", value: lastModified) }
        do {
            let response = try await client.execute(request, timeout: .milliseconds(Int64(policy.timeout * 1000)))
            if response.status == .notModified { return .notModified }
            if (300..<400).contains(response.status.code), let location = response.headers.first(name: "Location"),
               let target = URL(string: location, relativeTo: response.url ?? parsed)?.scheme?.lowercased(),
               target != "http" && target != "https" {
                // Not followed: the redirect leads out of the web.
                return .failed(FetchError(url: url, reason: "redirected to an address that is not http or https"))
            }
            guard (200..<300).contains(response.status.code) else {
                return .failed(FetchError(url: url, reason: "HTTP \(response.status.code)"
                    + (response.status.reasonPhrase.isEmpty ? "" : " \(response.status.reasonPhrase)")))
            }
            if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > policy.maxBytes {
                return .failed(FetchError(url: url, reason: "larger than \(policy.maxBytes >> 20) MiB"))
            }
            var body: [UInt8] = []
            for try await chunk in response.body {
                body += chunk.readableBytesView
                if body.count > policy.maxBytes {
                    return .failed(FetchError(url: url, reason: "larger than \(policy.maxBytes >> 20) MiB"))
                }
            }
            let validators = Validators(etag: response.headers.first(name: "ETag"),
                                        lastModified: response.headers.first(name: "Last-Modified"))
            return .fetched(FetchedResource(finalURL: response.url?.absoluteString ?? url,
                                            contentType: response.headers.first(name: "Content-Type"),
                                            validators: validators, body: body))
        } catch {
            return .failed(FetchError(url: url, reason: describe(error)))
        }
    }

    private func describe(_ error: Error) -> String {
        let seconds = "\(Int(policy.timeout)) s"
        if let error = error as? HTTPClientError {
            if [.deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout, .tlsHandshakeTimeout].contains(error) {
                return "timed out after \(seconds)"
            }
            if error == .redirectLimitReached { return "more than \(policy.maxRedirects) redirects" }
            if error == .redirectCycleDetected { return "redirects in a circle" }
            if error == .remoteConnectionClosed { return "the server closed the connection" }
            if "\(error)".contains("unsupportedScheme") { return "redirected to an address that is not http or https" }
            return "cannot fetch: \(error)"
        }
        if error is CancellationError { return "cancelled" }
        let text = "\(error)"
        if text.lowercased().contains("connection refused") { return "connection refused" }
        if text.lowercased().contains("timeout") || text.lowercased().contains("timed out") { return "timed out after \(seconds)" }
        if text.contains("NXDOMAIN") || text.lowercased().contains("lookup") || text.lowercased().contains("resolve") {
            return "no such host"
        }
        return "cannot fetch: " + (text.split(separator: "\n").first.map(String.init) ?? text)
    }

    /// `https://user:secret@host/…` → `https://host/…`: messages never carry credentials.
    static func withoutCredentials(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.user != nil || components.password != nil else { return url }
        components.user = nil
        components.password = nil
        return components.string ?? url
    }
}

/// When each host may be asked again: requests to one host are spaced by the policy's pause.
actor HostSchedule {
    private var nextAllowed: [String: ContinuousClock.Instant] = [:]

    func wait(for host: String, pause: TimeInterval) async {
        let now = ContinuousClock.now
        let slot = max(now, nextAllowed[host] ?? now)
        nextAllowed[host] = slot + .milliseconds(Int64(pause * 1000))
        if slot > now { try? await Task.sleep(until: slot, clock: .continuous) }
    }
}
