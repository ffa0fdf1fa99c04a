# Records when test $1 starts and ends (Unix seconds with nanoseconds) in
# $TIA_RUNNER_MARKER_DIR, sleeping 0.3 s in between. With TIA_RUNNER_PEER_WAIT set and a
# peer test $2, it also waits (up to 60 s) until the peer has started: two peers both end
# only after both started when they run at the same time, and cannot when they do not.
d=${TIA_RUNNER_MARKER_DIR:-.}
date +%s.%N >"$d/$1.start"
sleep 0.3
if [ -n "$TIA_RUNNER_PEER_WAIT" ] && [ -n "$2" ]; then
  i=0
  while [ ! -e "$d/$2.start" ] && [ $i -lt 600 ]; do
    sleep 0.1
    i=$((i + 1))
  done
fi
date +%s.%N >"$d/$1.end"
