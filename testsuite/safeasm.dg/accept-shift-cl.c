/* A variable shift count must be in %cl: constraint "c" and %b2 (or
   an explicit %%cl).  Checked against C shifts.  */
/* { dg-do run } */

#include <stdio.h>
#include <stdint.h>

static uint64_t state = 0x9216d5d98979fb1bull;

static uint64_t
next (void)
{
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return state;
}

__attribute__ ((noinline)) static uint64_t
shl (uint64_t x, unsigned n)
{
  __asm__ ("shlq %%cl, %0" : "+r" (x) : "c" (n) : "cc"); /* { dg-bogus "safeasm" } */
  return x;
}

__attribute__ ((noinline)) static uint32_t
rotr (uint32_t x, unsigned n)
{
  __asm__ ("rorl %b1, %0" : "+rm" (x) : "c" (n) : "cc"); /* { dg-bogus "safeasm" } */
  return x;
}

int
main (void)
{
  for (int i = 0; i < 20000; i++)
    {
      uint64_t v = next ();
      unsigned n = i % 64, m = i % 32;
      uint32_t w = (uint32_t) v;
      uint32_t want32 = m ? (w >> m) | (w << (32 - m)) : w;
      if (shl (v, n) != v << n || rotr (w, m) != want32)
	{
	  printf ("shift mismatch for %#llx by %u\n", (unsigned long long) v, n);
	  return 1;
	}
    }
  puts ("shift ok");
  return 0;
}
/* { dg-output "shift ok" } */
/* { dg-final { scan-report-not "\"verdict\": *\"reject\"" } } */
