import Foundation

/// Runs the library's asynchronous work (fetching) from a synchronous command and waits for it.
/// The command's thread is the process's main thread, never one of the concurrency pool's.
enum Blocking {
    static func run<T>(_ body: @escaping () async throws -> T) throws -> T {
        let box = BlockingBox(body)
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do { box.result = .success(try await box.body()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }
}

/// Unchecked: the task writes `result` once, and the caller reads it after the semaphore.
private final class BlockingBox<T>: @unchecked Sendable {
    var result: Result<T, Error>?
    let body: () async throws -> T
    init(_ body: @escaping () async throws -> T) { self.body = body }
}
