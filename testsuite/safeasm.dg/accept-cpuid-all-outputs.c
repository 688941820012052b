/* cpuid with all four outputs declared and eax/ecx as inputs: accepted,
   and it agrees with <cpuid.h> (itself inline asm, also accepted).  */
/* { dg-do run } */

#include <stdio.h>
#include <string.h>
#include <cpuid.h>

__attribute__ ((noinline)) static void
my_cpuid (unsigned leaf, unsigned sub, unsigned r[4])
{
  unsigned a, b, c, d;
  __asm__ volatile ("cpuid" /* { dg-bogus "safeasm" } */
		    : "=a" (a), "=b" (b), "=c" (c), "=d" (d)
		    : "0" (leaf), "2" (sub));
  r[0] = a; r[1] = b; r[2] = c; r[3] = d;
}

int
main (void)
{
  unsigned r[4], w[4];
  my_cpuid (0, 0, r);
  __cpuid_count (0, 0, w[0], w[1], w[2], w[3]);
  if (memcmp (r, w, sizeof r) != 0 || r[0] == 0)
    {
      puts ("cpuid leaf 0 differs");
      return 1;
    }
  char vendor[13];
  memcpy (vendor, &r[1], 4);
  memcpy (vendor + 4, &r[3], 4);
  memcpy (vendor + 8, &r[2], 4);
  vendor[12] = 0;
  for (int i = 0; i < 12; i++)
    if (vendor[i] < 0x20 || vendor[i] > 0x7e)
      {
	puts ("vendor string not printable");
	return 1;
      }
  if (r[0] >= 7)
    {
      my_cpuid (7, 0, r);
      __cpuid_count (7, 0, w[0], w[1], w[2], w[3]);
      if (memcmp (r, w, sizeof r) != 0)
	{
	  puts ("cpuid leaf 7 differs");
	  return 1;
	}
    }
  printf ("cpuid ok %s\n", vendor);
  return 0;
}
/* { dg-output "cpuid ok " } */
/* { dg-final { scan-report-not "\"verdict\": *\"reject\"" } } */
