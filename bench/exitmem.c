/* exitmem.c -- for make bench: LD_PRELOADed into a compilation, it
   appends to the file named by $SAFEASM_BENCH_MEM, when cc1 or cc1plus
   exits, one line "VmHWM RssAnon RssFile" (kB, from /proc/self/status):
   the peak resident set, and how much of the resident set at the end is
   anonymous memory (written by the process) and how much is pages of
   files (code, tables; shared with the page cache and other
   processes).  ru_maxrss gives only the first.  */

#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long
field (const char *status, const char *name)
{
  const char *p = strstr (status, name);
  return p ? strtol (p + strlen (name), NULL, 10) : -1;
}

__attribute__ ((destructor)) static void
exitmem (void)
{
  const char *out = getenv ("SAFEASM_BENCH_MEM");
  char status[8192];
  size_t n;
  FILE *f;
  int saved = errno;

  if (!out || (strcmp (program_invocation_short_name, "cc1")
               && strcmp (program_invocation_short_name, "cc1plus")))
    return;
  if (!(f = fopen ("/proc/self/status", "r")))
    return;
  n = fread (status, 1, sizeof status - 1, f);
  fclose (f);
  status[n] = 0;
  if ((f = fopen (out, "a")))
    {
      fprintf (f, "%ld %ld %ld\n", field (status, "VmHWM:"), field (status, "RssAnon:"),
               field (status, "RssFile:"));
      fclose (f);
    }
  errno = saved;
}
