#!/bin/sh
# Holds DIR/lock for 0.5 s; fails when another test holds it (RESOURCE_LOCK must serialise).
dir=$1
mkdir -p "$dir"
if ! mkdir "$dir/lock" 2>/dev/null; then echo "lock held by another test"; exit 1; fi
sleep 0.5
rmdir "$dir/lock"
