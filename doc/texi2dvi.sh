#! /bin/sh
# texi2dvi.sh -- run texi2dvi when TeX is installed.  Without TeX, say
# so and succeed: `make dvi', which `make distcheck' runs, and `make
# pdf' then build nothing instead of failing on a machine that has no
# TeX (the Info and HTML manuals need only makeinfo).
if command -v tex >/dev/null 2>&1 && command -v texi2dvi >/dev/null 2>&1; then
  exec texi2dvi "$@"
fi
echo "texi2dvi.sh: TeX is not installed (Debian: apt-get install texlive);" \
     "not building the DVI/PDF manual" >&2
exit 0
