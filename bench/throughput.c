/* throughput.c -- statements per second of sa_analyze, for bench/bench.sh.

     throughput STMTS.BIN [SECONDS [RUN]]

   STMTS.BIN holds records "length (4 bytes, little-endian) + input of
   analyzer/fuzz.c" (bench/gen.py writes it).  All are decoded first;
   then sa_analyze runs over them again and again for about SECONDS
   (default 2), and the rate is printed: without effect summaries (the
   plugin's default), with them (report or explain), and over the
   accepted statements alone; RUN (0, 1 or 2) picks one of those, for
   profiling.  Built with fuzz.c's decoder
   (#include), without libFuzzer.  */

#define _POSIX_C_SOURCE 199309L
#include <time.h>
#include "fuzz.c"

static double
now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main (int argc, char **argv)
{
  FILE *fp;
  struct fuzz_stmt *st;
  size_t n = 0, records = 0;
  unsigned char len[4];
  static uint8_t data[FUZZ_MAXINPUT];
  double seconds = argc > 2 ? atof (argv[2]) : 2.0, t0, t;
  unsigned long long done = 0, accepted = 0;
  struct sa_result r;

  if (argc < 2 || !(fp = fopen (argv[1], "rb")))
    {
      fprintf (stderr, "usage: throughput STMTS.BIN [SECONDS]\n");
      return 2;
    }
  /* Two passes: a decoded statement points into itself, so the array
     is allocated once, before decoding.  */
  for (int pass = 0; pass < 2; pass++)
    {
      rewind (fp);
      while (fread (len, 1, 4, fp) == 4)
        {
          size_t l = len[0] | len[1] << 8 | (size_t) len[2] << 16 | (size_t) len[3] << 24;
          if (l > sizeof data || fread (data, 1, l, fp) != l)
            {
              fprintf (stderr, "throughput: %s: bad record\n", argv[1]);
              return 2;
            }
          if (pass == 0)
            records++;
          else if (n < records && fuzz_decode (data, l, &st[n]) == 0)
            n++;
        }
      if (pass == 0 && !(st = calloc (records ? records : 1, sizeof *st)))
        return 2;
    }
  fclose (fp);
  if (!n)
    return 2;
  /* As the plugin runs by default (no report, no explain: no effect
     summary), with the summary the report needs, and over the accepted
     statements alone (most of real code's: a rejection formats its
     messages).  */
  size_t *acc = malloc (n * sizeof *acc), nacc = 0;
  if (!acc)
    return 2;
  for (size_t i = 0; i < n; i++)
    if (sa_analyze (&st[i].a, &r) == SA_ACCEPT)
      acc[nacc++] = i;
  int only = argc > 3 ? atoi (argv[3]) : -1;
  for (int run = 0; run < 3; run++)
    {
      if (only >= 0 && run != only)
        continue;
      size_t m = run == 2 ? nacc : n;
      for (size_t i = 0; i < n; i++)
        st[i].a.no_summary = run != 1;
      done = accepted = 0;
      t0 = now ();
      do
        {
          for (size_t i = 0; i < m; i++)
            accepted += sa_analyze (&st[run == 2 ? acc[i] : i].a, &r) == SA_ACCEPT;
          done += m;
          t = now () - t0;
        }
      while (t < seconds && m);
      printf ("throughput%s: %zu statements (%llu%% accepted), %llu analyses in %.2f s: "
              "%.0f statements/s, %.2f us each\n",
              run == 1 ? " with summaries" : run == 2 ? " of the accepted ones" : "",
              m, done ? 100 * accepted / done : 0, done, t, t > 0 ? done / t : 0,
              done ? 1e6 * t / done : 0);
    }
  free (acc);
  return 0;
}
