/* harness.c -- the CPU oracle of the x86db checks (x86db-check.py).
   Runs every generated instance (oracle-units.s: x86db_uN loads
   x86db_in into the registers and flags, executes the instruction,
   stores them to x86db_out) from NSTATES random states, and prints

     U N RAN FAULTS           per instance: runs that completed, faults
     V N WHAT                 a change x86db_allow[N] does not permit
     D N WHAT                 a written value that changed when only what
                              x86db_reads[N] says is not read changed

   Faults (SIGFPE from div, SIGILL, SIGSEGV...) end that run only.  */

#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness.h"

struct state x86db_in __attribute__ ((aligned (64)));
struct state x86db_out __attribute__ ((aligned (64)));
/* The memory operand, x86db_mem = x86db_area + PAD (oracle-units.s),
   with PAD bytes on each side to catch writes next to it.  */
#define PAD 8192
#define AREA (PAD + 256 + PAD)
unsigned char x86db_area[AREA] __attribute__ ((aligned (64)));
#define x86db_mem (x86db_area + PAD)
int x86db_level;                /* 0 sse, 1 avx, 2 avx512f, 3 avx512f+bw */

static sigjmp_buf jb;
static uint64_t rng;

static uint64_t
next (void)
{
  /* xorshift64* */
  rng ^= rng >> 12;
  rng ^= rng << 25;
  rng ^= rng >> 27;
  return rng * 2685821657736338717ULL;
}

static void
on_fault (int sig)
{
  siglongjmp (jb, sig);
}

/* A GPR value: all bits, 32 bits, small, 0 or -1, so that divisions
   sometimes do not overflow and counts are sometimes small.  */
static uint64_t
gpr_value (void)
{
  uint64_t v = next ();
  switch (next () % 8)
    {
    case 0: case 1: case 2: return v;
    case 3: return v & 0xffffffff;
    case 4: return v & 0xff;
    case 5: return v & 0xf;
    case 6: return 0;
    default: return next () % 2 ? ~(uint64_t) 0 : v >> 33;
    }
}

static void
random_state (unsigned unit, unsigned s)
{
  static const uint64_t oszapc = 0x8d5;
  rng = 0x9e3779b97f4a7c15ULL ^ ((uint64_t) unit << 20) ^ (s + 1);
  for (int i = 0; i < 20; i++)
    next ();
  for (int r = 0; r < 16; r++)
    x86db_in.gpr[r] = gpr_value ();
  x86db_in.flags = 0x202 | (next () & oszapc);  /* IF, bit 1; DF 0 */
  for (int r = 0; r < 32; r++)
    for (int b = 0; b < 64; b += 8)
      {
        uint64_t v = next ();
        memcpy (&x86db_in.vec[r][b], &v, 8);
      }
  for (int r = 0; r < 8; r++)
    {
      x86db_in.k[r] = next ();
      x86db_in.mm[r] = next ();
    }
  for (int b = 0; b < AREA; b += 8)
    {
      uint64_t v = next ();
      memcpy (&x86db_area[b], &v, 8);
    }
}

static const char *const gpr_names[16] = {
  "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
  "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15" };

/* Report each distinct violation of one instance once.  */
static char seen[64][48];
static int nseen;

static void
violation (unsigned u, const char *fmt, const char *name, int n)
{
  char buf[48];
  snprintf (buf, sizeof buf, fmt, name, n);
  for (int i = 0; i < nseen; i++)
    if (!strcmp (seen[i], buf))
      return;
  if (nseen < 64)
    snprintf (seen[nseen++], sizeof seen[0], "%s", buf);
  printf ("V %u %s\n", u, buf);
}

/* Bytes of A that differ from B, as a mask.  */
static uint64_t
diff_bytes (const uint8_t *a, const uint8_t *b, int n)
{
  uint64_t m = 0;
  for (int i = 0; i < n; i++)
    if (a[i] != b[i])
      m |= (uint64_t) 1 << i;
  return m;
}

static void
compare (unsigned u, const unsigned char *mem0)
{
  const struct allow *a = &x86db_allow[u];
  static const char fl[] = "C.P.A.ZSTIDO";
  int vlen = x86db_level >= 2 ? 64 : x86db_level == 1 ? 32 : 16;
  int nvec = x86db_level >= 2 ? 32 : 16;
  uint64_t d;

  for (int r = 0; r < 16; r++)
    {
      if (r == 4)
        continue;
      d = diff_bytes ((uint8_t *) &x86db_out.gpr[r], (uint8_t *) &x86db_in.gpr[r], 8);
      for (int b = 0; b < 8; b++)
        if ((d & ~(uint64_t) a->gpr[r]) >> b & 1)
          violation (u, "%s byte %d", gpr_names[r], b);
    }
  d = (x86db_out.flags ^ x86db_in.flags) & 0xcd5 & ~a->flags;
  for (int b = 0; b < 12; b++)
    if (d >> b & 1)
      {
        char n[2] = { fl[b], 0 };
        violation (u, "flag %sF%.0d", n, 0);
      }
  d = x86db_out.flags & a->f0;
  for (int b = 0; b < 12; b++)
    if (d >> b & 1)
      {
        char n[2] = { fl[b], 0 };
        violation (u, "flag %sF%.0d is 1 (f0= says 0)", n, 0);
      }
  for (int r = 0; r < nvec; r++)
    {
      d = diff_bytes (x86db_out.vec[r], x86db_in.vec[r], vlen) & ~a->vec[r];
      if (d)
        {
          int b = __builtin_ctzll (d);
          char n[8];
          snprintf (n, sizeof n, "zmm%d", r);
          violation (u, "%s byte %d", n, b);
        }
    }
  if (x86db_level >= 2)
    for (int r = 0; r < 8; r++)
      {
        int len = x86db_level == 3 ? 8 : 2;
        d = diff_bytes ((uint8_t *) &x86db_out.k[r], (uint8_t *) &x86db_in.k[r], len)
            & ~(uint64_t) a->k[r];
        if (d)
          violation (u, "k%.0s%d", "", r);
      }
  if (a->mmx)
    for (int r = 0; r < 8; r++)
      {
        d = diff_bytes ((uint8_t *) &x86db_out.mm[r], (uint8_t *) &x86db_in.mm[r], 8)
            & ~(uint64_t) a->mm[r];
        if (d)
          violation (u, "mm%.0s%d", "", r);
      }
  for (int w = 0; w < AREA / 64; w++)
    {
      int at = 64 * w - PAD;    /* offset from x86db_mem */
      d = diff_bytes (x86db_area + 64 * w, mem0 + 64 * w, 64);
      if (at >= 0 && at < 256)
        d &= ~a->mem[at / 64];
      if (d)
        violation (u, "memory byte %.0s%d", "", at + __builtin_ctzll (d));
    }
}

/* The read check.  IN0 and OUT0, MEM0 and MEMOUT0: the input and output
   state and memory of a completed run of instance U.  Run it again from
   a state in which every byte and flag x86db_reads[U] does not list is
   new, and compare every byte and flag it writes with a defined value:
   a difference means the instruction reads something x86db does not
   say it reads.  */
static void
read_check (unsigned u, const struct state *in0, const struct state *out0,
            const unsigned char *mem0, const unsigned char *memout0, unsigned s,
            unsigned mxcsr)
{
  const struct allow *r = &x86db_reads[u], *a = &x86db_allow[u];
  static const char fl[] = "C.P.A.ZSTIDO";
  static const uint64_t oszapc = 0x8d5;
  int vlen = x86db_level >= 2 ? 64 : x86db_level == 1 ? 32 : 16;
  int nvec = x86db_level >= 2 ? 32 : 16;
  uint64_t d;

  if (!r->dep)
    return;
  rng = 0x5851f42d4c957f2dULL ^ ((uint64_t) u << 24) ^ (s + 1);
  x86db_in = *in0;
  memcpy (x86db_area, mem0, AREA);
  for (int g = 0; g < 16; g++)
    for (int b = 0; b < 8; b++)
      if (g != 4 && !(r->gpr[g] >> b & 1))
        ((uint8_t *) &x86db_in.gpr[g])[b] = (uint8_t) next ();
  x86db_in.flags ^= next () & oszapc & ~r->flags;
  for (int v = 0; v < 32; v++)
    for (int b = 0; b < 64; b++)
      if (!(r->vec[v] >> b & 1))
        x86db_in.vec[v][b] = (uint8_t) next ();
  for (int k = 0; k < 8; k++)
    for (int b = 0; b < 8; b++)
      {
        if (!(r->k[k] >> b & 1))
          ((uint8_t *) &x86db_in.k[k])[b] = (uint8_t) next ();
        if (!(r->mm[k] >> b & 1))
          ((uint8_t *) &x86db_in.mm[k])[b] = (uint8_t) next ();
      }
  for (int b = 0; b < 256; b++)
    if (!(r->mem[b / 64] >> (b % 64) & 1))
      x86db_mem[b] = (uint8_t) next ();
  memcpy (&x86db_out, &x86db_in, sizeof x86db_out);
  if (sigsetjmp (jb, 1) != 0)
    {
      __asm__ volatile ("emms\n\tfninit\n\tcld\n\tldmxcsr %0" : : "m" (mxcsr));
      printf ("D %u faults where the first run did not\n", u);
      return;
    }
  x86db_units[u] ();
  __asm__ volatile ("fninit\n\tldmxcsr %0" : : "m" (mxcsr));

  for (int g = 0; g < 16; g++)
    {
      if (g == 4)
        continue;
      d = diff_bytes ((const uint8_t *) &x86db_out.gpr[g], (const uint8_t *) &out0->gpr[g], 8)
          & a->gpr[g];
      if (d)
        printf ("D %u %s byte %d\n", u, gpr_names[g], __builtin_ctzll (d));
    }
  d = (x86db_out.flags ^ out0->flags) & a->defflags;
  for (int b = 0; b < 12; b++)
    if (d >> b & 1)
      printf ("D %u flag %cF\n", u, fl[b]);
  for (int v = 0; v < nvec; v++)
    {
      d = diff_bytes (x86db_out.vec[v], out0->vec[v], vlen) & a->vec[v];
      if (d)
        printf ("D %u zmm%d byte %d\n", u, v, __builtin_ctzll (d));
    }
  if (x86db_level >= 2)
    for (int k = 0; k < 8; k++)
      {
        int len = x86db_level == 3 ? 8 : 2;
        d = diff_bytes ((const uint8_t *) &x86db_out.k[k], (const uint8_t *) &out0->k[k], len)
            & a->k[k];
        if (d)
          printf ("D %u k%d\n", u, k);
      }
  if (a->mmx)
    for (int m = 0; m < 8; m++)
      {
        d = diff_bytes ((const uint8_t *) &x86db_out.mm[m], (const uint8_t *) &out0->mm[m], 8)
            & a->mm[m];
        if (d)
          printf ("D %u mm%d\n", u, m);
      }
  for (int w = 0; w < 4; w++)
    {
      d = diff_bytes (x86db_mem + 64 * w, memout0 + PAD + 64 * w, 64) & a->mem[w];
      if (d)
        printf ("D %u memory byte %d\n", u, 64 * w + __builtin_ctzll (d));
    }
}

int
main (int argc, char **argv)
{
  unsigned nstates = argc > 1 ? (unsigned) atoi (argv[1]) : 8;
  struct sigaction sa;
  unsigned mxcsr;

  __builtin_cpu_init ();
  x86db_level = __builtin_cpu_supports ("avx512f")
                  ? (__builtin_cpu_supports ("avx512bw") ? 3 : 2)
                  : __builtin_cpu_supports ("avx") ? 1 : 0;
  memset (&sa, 0, sizeof sa);
  sa.sa_handler = on_fault;
  sa.sa_flags = SA_NODEFER;
  sigaction (SIGFPE, &sa, NULL);
  sigaction (SIGILL, &sa, NULL);
  sigaction (SIGSEGV, &sa, NULL);
  sigaction (SIGBUS, &sa, NULL);
  sigaction (SIGTRAP, &sa, NULL);
  __asm__ volatile ("stmxcsr %0" : "=m" (mxcsr));
  setvbuf (stdout, NULL, _IOLBF, 0);
  for (unsigned u = 0; u < x86db_nunits; u++)
    {
      unsigned ran = 0, faults = 0;
      nseen = 0;
      for (unsigned s = 0; s < nstates; s++)
        {
          static unsigned char mem0[AREA], memout0[AREA];
          static struct state in0, out0;
          random_state (u, s);
          memcpy (&x86db_out, &x86db_in, sizeof x86db_out);
          memcpy (mem0, x86db_area, sizeof mem0);
          if (sigsetjmp (jb, 1) == 0)
            {
              x86db_units[u] ();
              ran++;
              __asm__ volatile ("fninit\n\tldmxcsr %0" : : "m" (mxcsr));
              compare (u, mem0);
              in0 = x86db_in;
              out0 = x86db_out;
              memcpy (memout0, x86db_area, AREA);
              read_check (u, &in0, &out0, mem0, memout0, s, mxcsr);
            }
          else
            {
              faults++;
              __asm__ volatile ("emms\n\tfninit\n\tcld\n\tldmxcsr %0" : : "m" (mxcsr));
            }
        }
      printf ("U %u %u %u\n", u, ran, faults);
    }
  return 0;
}
