/// What `archive add` would store for one article, without storing it.
public struct ExtractedArticle: Sendable, Equatable {
    public var location: SourceLocation
    public var title: String?
    public var date: String?
    public var outlet: String?
    public var author: String?
    public var url: String?
    public var tags: [String]
    public var language: String?
    public var body: String
    /// Where each field came from (`ArticleInput.sources`).
    public var sources: [String: String]

    init(_ draft: ArticleDraft, location: SourceLocation) {
        self.location = location
        title = draft.title.isEmpty ? nil : draft.title
        date = draft.date.isEmpty ? nil : draft.date
        outlet = draft.outlet
        author = draft.author
        url = draft.url
        tags = draft.tags
        language = draft.language
        body = draft.body
        sources = draft.sources
    }

    /// `path, title, date, outlet, author, url, tags, language, sources, body`; null where the
    /// source says nothing; `sources` names where each field was found.
    public var json: JSONValue {
        .object([
            ("path", .string(location.description)), ("title", .text(title)), ("date", .text(date)),
            ("outlet", .text(outlet)), ("author", .text(author)), ("url", .text(url)),
            ("tags", .array(tags.map(JSONValue.string))), ("language", .text(language)),
            ("sources", sources.json), ("body", .string(body)),
        ])
    }
}

extension Archive {
    /// Reads `paths` as `add` would and hands each article (or the reason it cannot be read) to
    /// `onResult`, storing nothing. Needs no database.
    public static func extract(paths: [String], overrides: ArticleOverrides = ArticleOverrides(),
                               onResult: (Result<ExtractedArticle, ExtractionFailure>) throws -> Void) throws {
        let inputs = InputFiles(paths: paths)
        for (error, location) in inputs.failures { try onResult(.failure(ExtractionFailure(location: location, reason: error.reason))) }
        try inputs.read(emit: { item in
            switch item.withoutFetching {
            case .failure(let error, let location):
                try onResult(.failure(ExtractionFailure(location: location, reason: error.reason)))
            case .article(let input, let location), .linked(let input, let location):
                let result: Result<ExtractedArticle, ExtractionFailure>
                do {
                    let draft = try ArticleDraft(input, overrides: overrides, source: location.description)
                    result = .success(ExtractedArticle(draft, location: location))
                } catch {
                    result = .failure(ExtractionFailure(location: location, reason: (error as? InputError)?.reason ?? "\(error)"))
                }
                try onResult(result)
            }
        }, progress: { _ in })
    }
}

/// An input that gave no article, and why.
public struct ExtractionFailure: Error, Sendable, Equatable {
    public var location: SourceLocation
    public var reason: String
}
