/* format-check.c -- sa_snprintf against the C library's snprintf, for
   `make check' (testsuite/analyzer/format.exp).

   Every conversion sa_vsnprintf does itself, with flags, widths,
   precisions and length modifiers, over edge and pseudo-random values,
   into buffers of several sizes: the return value, the text and every
   byte of the buffer after it (nothing written past the end) must be
   the same.  Prints one line per difference and a closing count; exits
   1 if any differ.  */

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

static unsigned long compared, differ;

static uint64_t rng = 0x9e3779b97f4a7c15u;

static uint64_t
next (void)
{
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}

static const size_t sizes[] = { 0, 1, 2, 3, 7, 16, 96, 240, 600 };

/* Both functions over every size in SIZES; FMT and the arguments
   twice, as the macro evaluates them once per call.  */
#define CHECK(fmt, ...)                                                 \
  do {                                                                  \
    for (size_t si_ = 0; si_ < sizeof sizes / sizeof sizes[0]; si_++)   \
      {                                                                 \
        char a_[640], b_[640];                                          \
        int ra_, rb_;                                                   \
        memset (a_, 0x55, sizeof a_);                                   \
        memset (b_, 0x55, sizeof b_);                                   \
        ra_ = sa_snprintf (a_, sizes[si_], fmt, __VA_ARGS__);           \
        rb_ = snprintf (b_, sizes[si_], fmt, __VA_ARGS__);              \
        compared++;                                                     \
        if (ra_ != rb_ || memcmp (a_, b_, sizeof a_) != 0)              \
          {                                                             \
            differ++;                                                   \
            if (differ <= 50)                                           \
              printf ("differ: format \"%s\" size %zu: sa_snprintf %d "  \
                      "\"%.*s\", snprintf %d \"%.*s\"\n", fmt,          \
                      sizes[si_], ra_, sizes[si_] ? 600 : 0, a_, rb_,   \
                      sizes[si_] ? 600 : 0, b_);                        \
          }                                                             \
      }                                                                 \
  } while (0)

/* Integer conversions of every flag combination, width and precision
   for one value V of type T with length modifier LEN ("", "l"...).  */
#define INTS(T, LEN, v)                                                 \
  do {                                                                  \
    static const char *const flags_[] = { "", "-", "+", " ", "#", "0",  \
      "-0", "+0", "#0", " 0", "-#", "+ ", "-+ #0" };                    \
    static const char *const widths_[] = { "", "1", "5", "20", "64" };  \
    static const char *const precs_[] = { "", ".", ".0", ".1", ".3",   \
      ".25" };                                                          \
    static const char convs_[] = "diuxXo";                              \
    for (size_t f_ = 0; f_ < sizeof flags_ / sizeof *flags_; f_++)      \
      for (size_t w_ = 0; w_ < sizeof widths_ / sizeof *widths_; w_++)  \
        for (size_t p_ = 0; p_ < sizeof precs_ / sizeof *precs_; p_++)  \
          for (size_t c_ = 0; convs_[c_]; c_++)                         \
            {                                                           \
              char fmt_[64];                                            \
              snprintf (fmt_, sizeof fmt_, "<%%%s%s%s" LEN "%c>",       \
                        flags_[f_], widths_[w_], precs_[p_], convs_[c_]); \
              CHECK (fmt_, (T) (v));                                    \
            }                                                           \
  } while (0)

int
main (void)
{
  static const long long edges[] = {
    0, 1, -1, 7, 8, 9, 10, 15, 16, 127, 128, -128, -129, 255, 256, 32767, -32768,
    65535, 65536, INT_MAX, INT_MIN, (long long) UINT_MAX, LLONG_MAX, LLONG_MIN,
    0x123456789abcdefLL
  };
  static const char *const strs[] = {
    "", "a", "%rax", "the directive `.byte` emits data", "0123456789abcdefghij",
    "a string longer than the smallest buffers and the widths: "
    "0123456789012345678901234567890123456789012345678901234567890123456789"
  };

  /* The compiler checks these against the arguments.  */
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#pragma GCC diagnostic ignored "-Wformat-security"
#pragma GCC diagnostic ignored "-Wformat-truncation"
#pragma GCC diagnostic ignored "-Wformat"
  for (size_t i = 0; i < sizeof edges / sizeof *edges; i++)
    {
      long long v = edges[i];
      INTS (int, "", v);
      INTS (long, "l", v);
      INTS (long long, "ll", v);
      INTS (unsigned long long, "ll", v);
      INTS (size_t, "z", v);
      INTS (int, "h", v);
      INTS (int, "hh", v);
    }
  for (int i = 0; i < 100; i++)
    {
      uint64_t v = next () >> (next () % 64);
      INTS (int, "", v);
      INTS (long long, "ll", v);
    }

  for (size_t i = 0; i < sizeof strs / sizeof *strs; i++)
    {
      const char *s = strs[i];
      CHECK ("%s", s);
      CHECK ("[%s]", s);
      CHECK ("%10s|%-10s|", s, s);
      CHECK ("%.0s|%.3s|%.63s|%.80s", s, s, s, s);
      CHECK ("%.*s", 5, s);
      CHECK ("%.*s", -1, s);
      CHECK ("%*s|%-*s", 12, s, -12, s);
      CHECK ("%20.3s|%-20.3s|", s, s);
      CHECK ("`%s` is not an instruction safeasm knows", s);
      CHECK ("%s%s%s%s; %s", "lock", "", "", "", s);
    }
  CHECK ("%c|%3c|%-3c|", 'x', 'y', 'z');
  CHECK ("%c", 0);
  CHECK ("100%% of %d%%", 7);
  CHECK ("%s0x%02x", ",", 0xab);
  CHECK ("%%%c%d", 'k', 3);
  CHECK ("%+d bytes at %#llx", -8, 0x7fffffffULL);
  CHECK ("%03o", 8);
  CHECK ("%s", (const char *) "no conversions after this");
  CHECK ("no conversions at all%s", "");
  /* Widths and precisions the fast path leaves to the C library.  */
  CHECK ("%100d|%.70u|%-99x", 1, 2u, 3u);
  CHECK ("%999s|", "x");
  CHECK ("%5.2f and %g", 3.14159, 2.5);
  CHECK ("%p", (void *) 0);
  CHECK ("%ld %lu %lx", -1L, 1UL, 255UL);
  CHECK ("%zu %zx", (size_t) 12345, (size_t) 255);

  printf ("format-check: %lu comparisons, %lu differ\n", compared, differ);
  return differ != 0;
}
