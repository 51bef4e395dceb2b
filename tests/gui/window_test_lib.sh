# Shared by the window tests (sourced): a virtual screen of a given size, and the app's window on it.
# They expect $TMP (a scratch directory) and leave XVFB_PID and WINDOW set for the caller's cleanup.

# start_xvfb 1024x600 [first display number]: the first free display from there, as $DISPLAY.
start_xvfb() {
    n=${2:-90}
    while [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ]; do n=$((n + 1)); done
    # -noreset: by default the server resets when its last client leaves, and a window opened during that
    # reset (the next test step) was refused the display on a loaded machine.
    Xvfb ":$n" -screen 0 "$1x24" -nolisten tcp -noreset >"$TMP/xvfb.log" 2>&1 &
    XVFB_PID=$!
    export DISPLAY=":$n"
    i=0
    while ! xdpyinfo >/dev/null 2>&1 && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
}

stop_xvfb() {
    kill "$XVFB_PID" 2>/dev/null || true
    wait "$XVFB_PID" 2>/dev/null || true
    XVFB_PID=""
}

# wait_window: the app's window id in $WINDOW once X shows it (10 s at most), empty if it never does.
wait_window() {
    WINDOW=""
    i=0
    while [ -z "$WINDOW" ] && [ $i -lt 100 ]; do
        WINDOW=$(xdotool search --limit 1 --name "diane\$" 2>/dev/null || true)
        [ -n "$WINDOW" ] || sleep 0.1
        i=$((i + 1))
    done
}
