/* A 128-bit add written as addq/adcq: adc reads the carry that the add
   in the same asm sets, so the flags read is fine.  Checked against
   unsigned __int128 arithmetic.  */
/* { dg-do run } */

#include <stdio.h>
#include <stdint.h>

static uint64_t state = 0x243f6a8885a308d3ull;

static uint64_t
next (void)
{
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return state;
}

__attribute__ ((noinline)) static void
add128 (uint64_t *lo, uint64_t *hi, uint64_t blo, uint64_t bhi)
{
  uint64_t l = *lo, h = *hi;
  __asm__ ("addq %[blo], %[l]\n\t" /* { dg-bogus "safeasm" } */
	   "adcq %[bhi], %[h]"
	   : [l] "+r" (l), [h] "+r" (h)
	   : [blo] "rm" (blo), [bhi] "rm" (bhi)
	   : "cc");
  *lo = l;
  *hi = h;
}

int
main (void)
{
  for (int i = 0; i < 20000; i++)
    {
      uint64_t alo = next (), ahi = next (), blo = next (), bhi = next ();
      if (i % 4 == 0)
	alo = ~0ull;		/* force a carry out of the low half */
      unsigned __int128 a = ((unsigned __int128) ahi << 64) | alo;
      unsigned __int128 b = ((unsigned __int128) bhi << 64) | blo;
      unsigned __int128 want = a + b;
      uint64_t lo = alo, hi = ahi;
      add128 (&lo, &hi, blo, bhi);
      if (lo != (uint64_t) want || hi != (uint64_t) (want >> 64))
	{
	  printf ("adc mismatch at %d\n", i);
	  return 1;
	}
    }
  puts ("adc ok");
  return 0;
}
/* { dg-output "adc ok" } */
/* { dg-final { scan-report-not "\"verdict\": *\"reject\"" } } */
/* { dg-final { scan-report-not "flags-read" } } */
