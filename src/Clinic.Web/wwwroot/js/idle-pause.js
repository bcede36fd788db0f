// An idle staff page gives its server memory back (issue 15; docs/operations.md, "Circuit options").
//
// Every interactive page is a Blazor Server circuit that keeps its whole component tree in the web server's memory
// (about 0.5-1 MB) for as long as the tab is open, and staff leave tabs open all day. After
// Clinic:Circuits:IdlePauseSeconds without a click, a key or a scroll, this script pauses the circuit
// (Blazor.pauseCircuit, .NET 10): the server drops the tree, the page stays on screen, and the reconnect dialog
// (ReconnectModal) offers Resume, which rebuilds the page from the database.
//
// A page is never paused while it could lose something or must stay live:
//   - something was typed since the page was opened (a half-written note is not saved yet): no pause until the
//     user moves to another page;
//   - a dialog or a menu is open;
//   - the page refreshes itself (AutoRefresh marks it with data-keeps-awake: the queue board, My day, pharmacy).
// The setting is written by App.razor as <body data-idle-pause-seconds="N">; 0 turns pausing off.
(() => {
    const seconds = Number(document.body.dataset.idlePauseSeconds || "0");
    if (!(seconds > 0)) {
        return;
    }
    let lastActivity = Date.now();
    let typed = false;
    let page = location.pathname + location.search;
    let state = "running"; // running, pausing, paused

    const activity = () => { lastActivity = Date.now(); };
    for (const type of ["pointerdown", "keydown", "wheel", "touchstart", "scroll"]) {
        window.addEventListener(type, activity, { capture: true, passive: true });
    }
    window.addEventListener("input", () => { typed = true; activity(); }, { capture: true });

    // The reconnect dialog closes when the circuit runs again (resumed, or reconnected after a network drop).
    document.addEventListener("components-reconnect-state-changed", event => {
        if (event.detail.state === "hide") {
            state = "running";
            document.body.dataset.circuit = state;
            activity();
        }
    }, { capture: true });

    const mayPause = () => {
        const here = location.pathname + location.search;
        if (here !== page) {
            // Another page: what was typed on the last one was either saved or left behind by the user.
            page = here;
            typed = false;
            activity();
            return false;
        }
        return state === "running"
            && !typed
            && Date.now() - lastActivity >= seconds * 1000
            && window.Blazor && typeof window.Blazor.pauseCircuit === "function"
            && !document.querySelector(".mud-dialog-container, .mud-popover-open, [data-keeps-awake]");
    };

    setInterval(async () => {
        if (!mayPause()) {
            return;
        }
        state = "pausing";
        try {
            state = await window.Blazor.pauseCircuit() ? "paused" : "running";
        } catch {
            state = "running";
        }
        document.body.dataset.circuit = state;
    }, Math.min(15, Math.max(1, seconds / 3)) * 1000);
})();
