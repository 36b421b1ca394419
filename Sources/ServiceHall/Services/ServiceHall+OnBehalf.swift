import Foundation
import ShequPlatform
import Vapor

/// For other modules whose policy links them to the service hall (S3: a
/// resident's message can become a service application). Same checks,
/// audit and group commit as a window submission.
public enum ServiceHallOnBehalf {
    public static func apply(itemCode: String, residentID: UUID, details: String, req: Request) async throws -> String {
        let input = ApplicationsAPIController.SubmitInput(itemCode: itemCode, details: details, residentID: residentID,
                                                          residentIDNumber: nil, channel: .window, placeID: nil)
        return try await ApplicationsAPIController.submitAudited(input, req: req).trackingNumber
    }
}
