#!/usr/bin/env bash
# Regenerates Sources/PACTDashboard/Themes/BuiltinThemes.swift from themes/*.theme
# (the dashboard embeds them; InfrastructureTests checks the two agree).
set -euo pipefail
cd "$(dirname "$0")/.."
out=Sources/PACTDashboard/Themes/BuiltinThemes.swift
{
  echo '/// The themes of `themes/*.theme`, embedded so the dashboard works wherever the'
  echo '/// executable runs. Tests check these match the files; regenerate after editing a theme'
  echo '/// (scripts/embed-themes.sh).'
  echo 'enum BuiltinThemes {'
  echo '  /// Theme text by name.'
  echo '  static let text: [String: String] = ['
  for f in themes/default.theme themes/high-contrast.theme themes/light.theme themes/monochrome.theme; do
    name=$(basename "$f" .theme)
    echo "    \"$name\": #\"\"\""
    sed -e 's/^/    /' -e 's/^ *$//' "$f"
    echo '    """#,'
  done
  echo '  ]'
  echo '}'
} > "$out"
