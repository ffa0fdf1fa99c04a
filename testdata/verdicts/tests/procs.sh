#!/bin/sh
# Marks DIR/running.NAME for 0.5 s. The test named big (PROCESSORS 2) fails when any other
# test runs beside it; the others fail when big runs beside them.
dir=$1 name=$2
mkdir -p "$dir"
touch "$dir/running.$name"
sleep 0.5
status=0
for f in "$dir"/running.*; do
  other=${f##*/running.}
  [ "$other" = "$name" ] && continue
  [ -e "$f" ] || continue
  if [ "$name" = big ] || [ "$other" = big ]; then echo "$name ran beside $other"; status=1; fi
done
rm -f "$dir/running.$name"
exit $status
