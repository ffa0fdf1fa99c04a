# Records when test $1 starts and ends (Unix seconds with nanoseconds) in
# $TIA_RUNNER_MARKER_DIR, sleeping 0.3 s in between.
d=${TIA_RUNNER_MARKER_DIR:-.}
date +%s.%N >"$d/$1.start"
sleep 0.3
date +%s.%N >"$d/$1.end"
