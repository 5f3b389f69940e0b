#!/bin/sh
echo "schema engine not available here: see STACK.md" >&2
exit 1
