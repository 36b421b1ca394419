import Plot

public typealias BodyNode = Node<HTML.BodyContext>

/// Plot escapes text but writes attribute values as given, so every value that
/// can carry user data goes through `escapeAttribute` here, in one place.
public enum H {
    public static func escapeAttribute(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.count)
        for ch in value {
            switch ch {
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// An element with escaped attributes; attributes with a nil value are left out.
    public static func tag(_ name: String, _ attributes: [(String, String?)] = [], _ children: [BodyNode] = []) -> BodyNode {
        let attrs: [BodyNode] = attributes.compactMap { key, value in
            guard let value else { return nil }
            return .attribute(named: key, value: escapeAttribute(value), ignoreIfValueIsEmpty: false)
        }
        return .element(named: name, nodes: attrs + children)
    }

    public static func void(_ name: String, _ attributes: [(String, String?)]) -> BodyNode {
        .selfClosedElement(named: name, attributes: attributes.compactMap { key, value in
            guard let value else { return nil }
            return Attribute<HTML.BodyContext>.attribute(named: key, value: escapeAttribute(value))
        })
    }

    public static func link(_ href: String, _ text: String, class cls: String? = nil) -> BodyNode {
        tag("a", [("href", href), ("class", cls)], [.text(text)])
    }

    public static func text(_ s: String) -> BodyNode { .text(s) }
}

/// Plain HTML forms: they post without JavaScript and carry the CSRF token.
public struct FormBuilder {
    let request: RequestContext

    public func form(action: String, multipart: Bool = false, _ children: [BodyNode]) -> BodyNode {
        H.tag("form", [("method", "post"), ("action", action),
                       ("enctype", multipart ? "multipart/form-data" : nil)],
              [H.void("input", [("type", "hidden"), ("name", "_csrf"), ("value", request.csrfToken)])] + children)
    }

    public func field(_ label: Phrase, name: String, value: String? = nil, type: String = "text", required: Bool = false,
                      hint: Phrase? = nil, autocomplete: String? = nil, inputmode: String? = nil, maxLength: Int = 200) -> BodyNode {
        let id = "f-" + name
        var attrs: [(String, String?)] = [("type", type), ("name", name), ("id", id), ("value", value),
                                          ("autocomplete", autocomplete), ("inputmode", inputmode),
                                          ("maxlength", String(maxLength))]
        if required { attrs.append(("required", "required")) }
        if hint != nil { attrs.append(("aria-describedby", id + "-hint")) }
        return H.tag("div", [("class", "field")], [
            H.tag("label", [("for", id)], [.text(request.t(label) + (required ? "" : " " + request.t(.optional)))]),
            hint.map { H.tag("p", [("class", "hint"), ("id", id + "-hint")], [.text(request.t($0))]) } ?? .empty,
            H.void("input", attrs),
        ])
    }

    public func select(_ label: Phrase, name: String, options: [(value: String, label: String)], selected: String?,
                       includeEmpty: Bool = false) -> BodyNode {
        let id = "f-" + name
        var opts: [BodyNode] = []
        if includeEmpty { opts.append(H.tag("option", [("value", "")], [.text("—")])) }
        for o in options {
            opts.append(H.tag("option", [("value", o.value), ("selected", o.value == selected ? "selected" : nil)], [.text(o.label)]))
        }
        return H.tag("div", [("class", "field")], [
            H.tag("label", [("for", id)], [.text(request.t(label))]),
            H.tag("select", [("name", name), ("id", id)], opts),
        ])
    }

    public func file(_ label: Phrase, name: String, accept: String) -> BodyNode {
        let id = "f-" + name
        return H.tag("div", [("class", "field")], [
            H.tag("label", [("for", id)], [.text(request.t(label))]),
            H.void("input", [("type", "file"), ("name", name), ("id", id), ("accept", accept), ("required", "required")]),
        ])
    }

    public func checkbox(_ label: Phrase, name: String, checked: Bool = false) -> BodyNode {
        let id = "f-" + name
        return H.tag("div", [("class", "field check")], [
            H.void("input", [("type", "checkbox"), ("name", name), ("id", id), ("value", "true"), ("checked", checked ? "checked" : nil)]),
            H.tag("label", [("for", id)], [.text(request.t(label))]),
        ])
    }

    public func submit(_ label: Phrase) -> BodyNode {
        H.tag("button", [("type", "submit")], [.text(request.t(label))])
    }
}
