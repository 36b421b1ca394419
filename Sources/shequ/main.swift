import Foundation
import Logging
import ShequApp
import ShequPlatform
import Vapor

var env = try Environment.detect()
try LoggingSystem.bootstrap(from: &env)
let app = try await Application.make(env)
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
