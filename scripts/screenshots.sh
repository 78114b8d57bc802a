#!/usr/bin/env bash
# README screenshots from a real QGIS desktop under Xvfb, in Chinese, with the plugin enabled.
# Needs the demo outputs (make demo). Usage: scripts/screenshots.sh DEMO_DIR SHOT_DIR
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
demo=$(cd "${1:-demo-output}" && pwd)
shots=$(mkdir -p "${2:-docs/screenshots}" && cd "${2:-docs/screenshots}" && pwd)
profile=$(mktemp -d)
mkdir -p "$profile/profiles/default/QGIS"
cat > "$profile/profiles/default/QGIS/QGIS3.ini" <<INI
[PythonPlugins]
farmland_grid_plugin=true
processing=true
[locale]
overrideFlag=true
userLocale=zh_CN
[qgis]
checkVersion=false
showTips322=false
INI
unset QT_QPA_PLATFORM
# The commonest office laptop screen in China, and a full-HD monitor: one folder of pictures each.
for size in 1366x768 1920x1080; do
  mkdir -p "$shots/$size"
  env QGIS_PLUGINPATH="$repo" TOUR_DEMO="$demo" TOUR_SHOTS="$shots/$size" TOUR_PLUGIN="$repo/farmland_grid_plugin" \
    xvfb-run -a -s "-screen 0 ${size}x24" \
    qgis --profiles-path "$profile" --lang zh_CN --nologo --noversioncheck --code "$repo/scripts/tour.py"
  if [ -e "$shots/$size/tour-error.txt" ]; then cat "$shots/$size/tour-error.txt"; exit 1; fi
done
rm -rf "$profile"
# The printed products as they leave the office: first pages of the demo's PDFs.
pdftoppm -r 70 -png -f 1 -l 1 -singlefile "$demo/atlas_villages.pdf" "$shots/atlas_page"
pdftoppm -r 70 -png -f 1 -l 1 -singlefile "$demo/sign_board_sheets.pdf" "$shots/sign_board_sheet"
pdftoppm -r 70 -png -f 1 -l 1 -singlefile "$demo/dashboard_report.pdf" "$shots/dashboard_report"
# The task table and the transition matrix, drawn as a spreadsheet shows them.
"$repo/.venv/bin/python" "$repo/scripts/task_table_picture.py" "$demo/task_list.xlsx" "$shots/task_table.png"
"$repo/.venv/bin/python" "$repo/scripts/matrix_picture.py" "$demo/balance_matrix.gpkg" "$shots/matrix.png"
ls -l "$shots" "$shots"/*x*
