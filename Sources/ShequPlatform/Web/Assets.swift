import Vapor

/// One small stylesheet, served from memory so the app needs no public folder.
enum Assets {
    static func stylesheet(_ req: Request) -> Response {
        let response = Response(status: .ok, body: .init(string: css))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return response
    }

    static let css = """
    :root { --fg:#1b1b1b; --bg:#fff; --accent:#0b5cad; --muted:#555; --line:#ccc; --err:#a4000f; --ok:#0a6b2d; }
    * { box-sizing: border-box; }
    html { font-size: 100%; }
    body { margin:0; font-family: "PingFang SC","Noto Sans CJK SC","Microsoft YaHei",system-ui,sans-serif;
           color:var(--fg); background:var(--bg); line-height:1.6; font-size:1rem;
           display:flex; flex-direction:column; min-height:100vh; }
    body.large { font-size:1.3rem; }
    body.large button, body.large input, body.large select, body.large textarea { font-size:1.3rem; }
    /* Controls otherwise keep the browser's own font: the header's 中文/English and 退出 looked pasted in. */
    button, input, select, textarea { font-family:inherit; }
    a { color:var(--accent); }
    a:focus, button:focus, input:focus, select:focus, textarea:focus { outline:3px solid #f5a623; outline-offset:2px; }
    .skip { position:absolute; left:-999px; }
    .skip:focus { left:.5rem; top:.5rem; background:#fff; padding:.5rem; z-index:10; }
    header, nav.menu { background:#0b3d6b; color:#fff; }
    header a, header button.link, nav.menu a { color:#fff; }
    .menu-jump { display:none; }
    .bar { display:flex; flex-wrap:wrap; gap:.5rem 1rem; align-items:center; padding:.5rem 1rem; }
    .brand { font-weight:bold; font-size:1.25em; text-decoration:none; margin-right:auto; }
    .prefs, .account { display:flex; gap:.75rem; align-items:center; }
    .prefs form, .account form { margin:0; }
    nav ul { list-style:none; margin:0; padding:0 1rem .5rem; display:flex; flex-wrap:wrap; gap:.25rem 1rem; }
    /* A finger, not a mouse: menu and workbench links get height to tap without hitting the neighbour. */
    nav a { display:inline-block; padding:.2rem 0; }
    nav ul { row-gap:0; }
    section.workbench li { margin:.35rem 0; }
    section.workbench li a { display:inline-block; padding:.15rem 0; }
    main { padding:1rem; width:100%; max-width:60rem; margin:0 auto; flex:1 0 auto; }
    h1 { font-size:1.5em; margin:.5rem 0 1rem; }
    footer { color:var(--muted); padding:1rem; border-top:1px solid var(--line); font-size:.9em; }
    .field { margin:0 0 1rem; }
    .field label { display:block; font-weight:bold; margin-bottom:.25rem; }
    .field.check label { display:inline; font-weight:normal; }
    .hint { margin:0 0 .25rem; color:var(--muted); font-size:.9em; }
    input[type=text], input[type=password], input[type=search], input[type=tel], input[type=date], select, textarea {
      width:100%; max-width:30rem; padding:.6rem; font-size:1rem; border:1px solid #767676; border-radius:4px; }
    button { padding:.6rem 1.2rem; font-size:1rem; background:var(--accent); color:#fff; border:0; border-radius:4px; cursor:pointer; min-height:44px; }
    button.link { background:none; padding:0; min-height:0; text-decoration:underline; color:var(--accent); }
    .error { color:var(--err); border-left:4px solid var(--err); padding:.5rem 1rem; background:#fff3f3; }
    .notice { color:var(--ok); border-left:4px solid var(--ok); padding:.5rem 1rem; background:#f1fbf4; }
    /* The workbench's 即将到期/已超期 marks sit inside a line: a tag, not a banner, and never split across lines. */
    span.error, span.notice { display:inline-block; margin-left:.4rem; padding:0 .4rem; border-left:0; border-radius:3px; }
    table { border-collapse:collapse; width:100%; }
    th, td { text-align:left; padding:.4rem .5rem; border-bottom:1px solid var(--line); vertical-align:top; }
    .table-wrap { overflow-x:auto; }
    dl.record { display:grid; grid-template-columns:max-content 1fr; gap:.25rem 1rem; }
    dl.record dt { font-weight:bold; }
    dl.record dd { margin:0; }
    .actions { display:flex; flex-wrap:wrap; gap:.5rem 1rem; align-items:center; margin:1rem 0; }
    .actions form { margin:0; }
    ol.errors li { color:var(--err); }
    .ticket { font-size:4em; font-weight:bold; text-align:center; margin:1rem 0; }
    td.big { font-size:2em; font-weight:bold; }
    a.current { font-weight:bold; text-decoration:none; }
    li.sub { margin-left:1.5rem; }
    @media (max-width: 40rem) {
      /* The page first, the menu after it: a phone showed up to 345px of links before the title. */
      nav.menu { order:1; padding-top:.5rem; }
      footer { order:2; }
      .menu-jump { display:inline-block; }
      table.responsive thead { display:none; }
      table.responsive tr { display:block; border-bottom:2px solid var(--line); padding:.5rem 0; }
      table.responsive td { display:block; border:0; padding:.1rem 0; }
      table.responsive td::before { content: attr(data-label) ": "; font-weight:bold; }
      /* Large text on a phone left the values of a record a third of the screen: label above value instead. */
      body.large dl.record { grid-template-columns:1fr; gap:0; }
      body.large dl.record dd { margin-bottom:.5rem; }
    }
    """
}
