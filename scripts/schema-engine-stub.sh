#!/bin/sh
echo "schema engine not available here: see docs/stack.md" >&2
exit 1
