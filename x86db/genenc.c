/* genenc.c -- read enc.tbl (the machine encodings of the x86db forms,
   written by mkenc.py) and write x86db-enc.inc, the table decode.c
   includes.  A malformed line fails the build with FILE:LINE.  The
   format is described at the top of enc.tbl.  */

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *file;
static unsigned lineno;
static int errors;

static void
bad (const char *what, const char *tok)
{
  fprintf (stderr, "%s:%u: %s `%s'\n", file, lineno, what, tok);
  errors++;
}

static int
hexbyte (const char *s, unsigned *v)
{
  if (!isxdigit ((unsigned char) s[0]) || !isxdigit ((unsigned char) s[1]) || s[2])
    return 0;
  *v = (unsigned) strtoul (s, NULL, 16);
  return 1;
}

/* One operand token: print its initializer.  */
static void
operand (char *t)
{
  static const struct { const char *name; const char *loc; } locs[] = {
    { "reg", "EL_REG" }, { "rm", "EL_RM" }, { "vvvv", "EL_VVVV" },
    { "opc", "EL_OPC" }, { "is4", "EL_IS4" },
  };
  char *colon;

  if (t[0] == '%')
    {
      for (const char *c = t + 1; *c; c++)
        if (!isalnum ((unsigned char) *c) && *c != '(' && *c != ')')
          {
            bad ("bad register", t);
            return;
          }
      if (strlen (t + 1) >= 8)
        bad ("register name too long (struct enc_op.fixed)", t);
      printf ("{ EL_FIXED, 0, 0, 0, \"%s\" }, ", t + 1);
      return;
    }
  if (!strncmp (t, "imm", 3) || !strncmp (t, "simm", 4))
    {
      int s = t[0] == 's';
      char *end;
      unsigned long size = strtoul (t + 3 + s, &end, 10);
      if (*end || (size != 1 && size != 2 && size != 4 && size != 8))
        {
          bad ("bad immediate", t);
          return;
        }
      printf ("{ %s, 0, 0, %lu, \"\" }, ", s ? "EL_SIMM" : "EL_IMM", size);
      return;
    }
  colon = strchr (t, ':');
  if (!colon)
    {
      bad ("bad operand", t);
      return;
    }
  *colon = 0;
  for (size_t i = 0; i < sizeof locs / sizeof locs[0]; i++)
    if (!strcmp (t, locs[i].name))
      {
        char kind = colon[1];
        char *end;
        unsigned long width = strtoul (colon + 2, &end, 10);
        if (!kind || !strchr ("RXYPSGM", kind) || *end
            || (strchr ("RXYM", kind) && !width))
          {
            *colon = ':';
            bad ("bad operand kind", t);
            return;
          }
        if (kind == 'M' && i != 1)
          {
            *colon = ':';
            bad ("memory outside ModRM.rm", t);
            return;
          }
        printf ("{ %s, '%c', %lu, 0, \"\" }, ", locs[i].loc, kind, width);
        return;
      }
  *colon = ':';
  bad ("bad operand location", t);
}

static void
line (char *s)
{
  char *tok[32], *ops[8];
  int ntok = 0, nops = 0, i = 2;
  unsigned pfx[4], opc[8], tail[4], npfx = 0, nopc = 0, ntail = 0, v;
  int w = 0, vex = 0, l = 0, pp = 0, map = 0, plusr = 0, modrm = 0, digit = -1;

  for (char *t = strtok (s, " \t\n"); t; t = strtok (NULL, " \t\n"))
    {
      if (ntok == 32)
        {
          bad ("too many fields in", tok[0]);
          return;
        }
      tok[ntok++] = t;
    }
  if (ntok < 3)
    {
      bad ("incomplete line", tok[0]);
      return;
    }
  if (strcmp (tok[1], "-"))
    for (char *o = strtok (tok[1], ","); o; o = strtok (NULL, ","))
      {
        if (nops == 4)
          {
            bad ("more than four operands in", tok[0]);
            return;
          }
        ops[nops++] = o;
      }
  /* Legacy prefixes: leading 66 f2 f3 9b, leaving an opcode byte.  */
  while (i + 1 < ntok && hexbyte (tok[i], &v)
         && (v == 0x66 || v == 0xf2 || v == 0xf3 || v == 0x9b) && npfx < 3)
    {
      int more = 0;
      for (int j = i + 1; j < ntok; j++)
        if (hexbyte (tok[j], &v))
          more = 1;
      if (!more)
        break;
      hexbyte (tok[i++], &pfx[npfx++]);
    }
  for (; i < ntok; i++)
    {
      const char *t = tok[i];
      if (!strcmp (t, "rex.w"))
        w = 1;
      else if (!strncmp (t, "vex.", 4))
        {
          char ls[4], pps[3], maps[5];
          int ww;
          if (sscanf (t, "vex.%3[0-9].%2[0-9a-z].%4[0-9a-f].w%d", ls, pps, maps, &ww) != 4
              || (strcmp (ls, "128") && strcmp (ls, "256")) || (ww != 0 && ww != 1))
            {
              bad ("bad VEX field", t);
              continue;
            }
          vex = 1;
          l = !strcmp (ls, "256");
          w = ww;
          pp = !strcmp (pps, "np") ? 0 : !strcmp (pps, "66") ? 1 : !strcmp (pps, "f3") ? 2
               : !strcmp (pps, "f2") ? 3 : -1;
          map = !strcmp (maps, "0f") ? 1 : !strcmp (maps, "0f38") ? 2
                : !strcmp (maps, "0f3a") ? 3 : -1;
          if (pp < 0 || map < 0)
            bad ("bad VEX field", t);
        }
      else if (!strcmp (t, "+r"))
        plusr = 1;
      else if (!strcmp (t, "/r"))
        modrm = 1;
      else if (t[0] == '/' && t[1] >= '0' && t[1] <= '7' && !t[2])
        modrm = 1, digit = t[1] - '0';
      else if (!strncmp (t, "ib=", 3))
        {
          char buf[64];
          snprintf (buf, sizeof buf, "%s", t + 3);
          for (char *b = strtok (buf, ","); b; b = strtok (NULL, ","))
            if (ntail == 4 || !hexbyte (b, &tail[ntail++]))
              bad ("bad trailing byte in", t);
        }
      else if (hexbyte (t, &v) && nopc < 4 && !modrm && !plusr)
        opc[nopc++] = v;
      else
        bad ("bad encoding field", t);
    }
  if (!nopc)
    bad ("no opcode for", tok[0]);
  if (strlen (tok[0]) >= 24)
    bad ("mnemonic too long (struct enc.mnem)", tok[0]);
  printf ("  { \"%s\", %u, { ", tok[0], npfx);
  for (unsigned j = 0; j < npfx; j++)
    printf ("0x%02x, ", pfx[j]);
  printf ("}, %d, %d, %d, %d, %d, %u, { ", vex, w, l, pp, map, nopc);
  for (unsigned j = 0; j < nopc; j++)
    printf ("0x%02x, ", opc[j]);
  printf ("}, %d, %d, %d, %u, { ", plusr, modrm, digit, ntail);
  for (unsigned j = 0; j < ntail; j++)
    printf ("0x%02x, ", tail[j]);
  printf ("}, %d, { ", nops);
  for (int j = 0; j < nops; j++)
    operand (ops[j]);
  printf ("} },\n");
}

int
main (int argc, char **argv)
{
  char buf[512];
  if (argc != 2)
    {
      fprintf (stderr, "usage: x86db-genenc enc.tbl > x86db-enc.inc\n");
      return 2;
    }
  file = argv[1];
  FILE *f = fopen (file, "r");
  if (!f)
    {
      perror (file);
      return 1;
    }
  printf ("/* Generated from %s by genenc.c; do not edit.  */\n", file);
  printf ("static const struct enc enc_table[] = {\n");
  while (fgets (buf, sizeof buf, f))
    {
      char *h = strchr (buf, '#');
      lineno++;
      if (!strchr (buf, '\n') && !feof (f))
        {
          bad ("line too long", "");
          break;
        }
      if (h)
        *h = 0;
      if (strspn (buf, " \t\n") == strlen (buf))
        continue;
      line (buf);
    }
  fclose (f);
  printf ("};\n");
  return errors ? 1 : 0;
}
