import Foundation
import Logging
import NIOCore
import NIOPosix
import ShequApp
import ShequPlatform
import Vapor

// Swift tasks run on NIO's event loops, as Vapor's own template sets up: a
// request's database awaits then resume without hopping threads, which on two
// cores was a large share of a submission's time (BENCHMARKS.md).
let executorTakeover = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
var env = try Environment.detect()
try LoggingSystem.bootstrap(from: &env)
let app = try await Application.make(env)
app.logger.debug("concurrency on the event loops: \(executorTakeover)")
var exitCode: Int32 = 0
do {
    try await ShequApp.configure(app)
    try await app.execute()
} catch let exit as CommandExit {
    exitCode = exit.code
} catch {
    app.logger.report(error: error)
    exitCode = 1
}
try await app.asyncShutdown()
exit(exitCode)
