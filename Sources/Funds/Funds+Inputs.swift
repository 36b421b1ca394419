import ShequKernel
import ShequPlatform

/// The funds' inputs, declared once: published in the OpenAPI document and checked before decoding.
enum FundsInputs {
    static let documentMax = 200
    static let memoMax = 1000
}
