# Passes when the working directory is $1.
here=$(pwd -P)
want=$(cd "$1" && pwd -P)
[ "$here" = "$want" ] || { echo "working directory $here, expected $want"; exit 1; }
