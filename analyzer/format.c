/* format.c -- snprintf for the analyzer's messages and summaries.  */

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "internal.h"

/* vsnprintf for the conversions the analyzer uses: flags, width and
   precision (numbers or '*'), the lengths hh h l ll z, and d i u x X o
   c s %.  Several times faster than the C library's, which sets up a
   stream for every call; a format with anything else goes to
   vsnprintf.  */

/* Append [S, S+N) to BUF of SIZE bytes at *O; *O counts on past the
   end.  */
static void
append (char *buf, size_t size, size_t *o, const char *s, size_t n)
{
  if (*o + 1 < size)
    memcpy (buf + *o, s, n < size - 1 - *o ? n : size - 1 - *o);
  *o += n;
}

static void
pad (char *buf, size_t size, size_t *o, size_t n)
{
  if (*o + 1 < size)
    memset (buf + *o, ' ', n < size - 1 - *o ? n : size - 1 - *o);
  *o += n;
}

int
sa_vsnprintf (char *buf, size_t size, const char *fmt, va_list ap)
{
  size_t o = 0;
  va_list again;

  va_copy (again, ap);
  for (const char *f = fmt; *f; f++)
    {
      int left = 0, plus = 0, space = 0, alt = 0, zero = 0, width = 0, prec = -1, len = 0;
      char digits[72];
      const char *str;
      size_t n;

      if (*f != '%')
        {
          const char *e = strchr (f, '%');
          if (!e)
            e = f + strlen (f);
          append (buf, size, &o, f, (size_t) (e - f));
          f = e - 1;
          continue;
        }
      for (f++;; f++)
        if (*f == '-')
          left = 1;
        else if (*f == '+')
          plus = 1;
        else if (*f == ' ')
          space = 1;
        else if (*f == '#')
          alt = 1;
        else if (*f == '0')
          zero = 1;
        else
          break;
      if (*f == '*')
        {
          width = va_arg (ap, int);
          if (width < 0)
            left = 1, width = -width;
          f++;
        }
      else
        while (*f >= '0' && *f <= '9' && width < 100000)
          width = width * 10 + (*f++ - '0');
      if (*f == '.')
        {
          f++;
          prec = 0;
          if (*f == '*')
            {
              prec = va_arg (ap, int);
              if (prec < 0)
                prec = -1;      /* as if none */
              f++;
            }
          else
            while (*f >= '0' && *f <= '9' && prec < 100000)
              prec = prec * 10 + (*f++ - '0');
        }
      if (width >= 100000 || prec >= 100000)
        goto library;
      while (*f == 'h')
        f++, len--;             /* -1 short, -2 char: promoted to int, narrowed below */
      if (*f == 'l')
        {
          len = 1;
          if (*++f == 'l')
            len = 2, f++;
        }
      else if (*f == 'z')
        len = 3, f++;

      switch (*f)
        {
        case '%':
          append (buf, size, &o, "%", 1);
          continue;
        case 'c':
          digits[0] = (char) va_arg (ap, int);
          str = digits, n = 1;
          prec = -1;
          break;
        case 's':
          str = va_arg (ap, const char *);
          if (!str)
            str = "(null)";
          if (prec >= 0)
            {
              const char *z = memchr (str, 0, (size_t) prec);
              n = z ? (size_t) (z - str) : (size_t) prec;
            }
          else
            n = strlen (str);
          prec = -1;
          break;
        case 'd': case 'i': case 'u': case 'x': case 'X': case 'o':
          {
            int sgn = *f == 'd' || *f == 'i', neg = 0;
            unsigned base = *f == 'o' ? 8 : *f == 'x' || *f == 'X' ? 16 : 10;
            const char *dig = *f == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
            unsigned long long v;
            char *d = digits + sizeof digits;
            if (width > 64 || prec > 64)
              goto library;     /* wider than DIGITS */
            if (sgn)
              {
                long long x = len == 2 ? va_arg (ap, long long)
                              : len == 1 ? va_arg (ap, long)
                              : len == 3 ? (long long) va_arg (ap, size_t)
                              : va_arg (ap, int);
                if (len == -1)
                  x = (short) x;
                else if (len < -1)
                  x = (signed char) x;
                neg = x < 0;
                v = neg ? 0 - (unsigned long long) x : (unsigned long long) x;
              }
            else
              v = len == 2 ? va_arg (ap, unsigned long long)
                  : len == 1 ? va_arg (ap, unsigned long)
                  : len == 3 ? va_arg (ap, size_t)
                  : len == -1 ? (unsigned short) va_arg (ap, unsigned)
                  : len < -1 ? (unsigned char) va_arg (ap, unsigned)
                  : va_arg (ap, unsigned);
            int nonzero = v != 0;
            char pre[3];
            int npre = 0;
            if (v || prec != 0)
              do
                *--d = dig[v % base];
              while (v /= base);
            while (prec > 0 && digits + sizeof digits - d < prec)
              *--d = '0';
            if (sgn && (neg || plus || space))
              pre[npre++] = neg ? '-' : plus ? '+' : ' ';
            if (alt && base == 16 && nonzero)
              pre[npre++] = '0', pre[npre++] = *f;
            else if (alt && base == 8 && (d == digits + sizeof digits || *d != '0'))
              pre[npre++] = '0';
            if (zero && !left && prec < 0)
              while (digits + sizeof digits - d + npre < width && d > digits + 3)
                *--d = '0';
            while (npre)
              *--d = pre[--npre];
            str = d;
            n = (size_t) (digits + sizeof digits - d);
            prec = -1;
            break;
          }
        default:
        library:
          /* Not one of those: the C library does it all.  */
          {
            int r = vsnprintf (buf, size, fmt, again);
            va_end (again);
            return r;
          }
        }
      if (!left && n < (size_t) width)
        pad (buf, size, &o, (size_t) width - n);
      append (buf, size, &o, str, n);
      if (left && n < (size_t) width)
        pad (buf, size, &o, (size_t) width - n);
    }
  if (size)
    buf[o < size ? o : size - 1] = 0;
  va_end (again);
  return o < INT_MAX ? (int) o : INT_MAX;
}

int
sa_snprintf (char *buf, size_t size, const char *fmt, ...)
{
  va_list ap;
  int r;
  va_start (ap, fmt);
  r = sa_vsnprintf (buf, size, fmt, ap);
  va_end (ap);
  return r;
}
