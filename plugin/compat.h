/* compat.h -- the few differences between the GCC plugin APIs safeasm
   is built against, keyed on GCCPLUGIN_VERSION_MAJOR (the GCC whose
   headers we compile against, not the compiler compiling us).  */

#ifndef SAFEASM_COMPAT_H
#define SAFEASM_COMPAT_H

/* plugin-version.h defines the version macros but also a few static
   variables that only plugin.cc uses; keep the other files quiet.  */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-variable"
#include "plugin-version.h"
#pragma GCC diagnostic pop

#if GCCPLUGIN_VERSION_MAJOR < 11
# error "safeasm needs the plugin headers of GCC 11 or later"
#endif

/* Pass position: the first pass of all_lowering_passes, which runs
   right after gimplification while the body is still high GIMPLE
   (passes.def of GCC 11 and 12: pass_warn_unused_result, whose name
   is "*warn_unused_result").  */
#define SAFEASM_REF_PASS "*warn_unused_result"

/* lang_hooks.decl_printable_name verbosity that gives the C++ front
   end's full signature ("int f(int)", "A::A(int)"); C prints the bare
   name at any level.  */
#define SAFEASM_NAME_VERBOSITY 2

/* Nothing else differs between the GCC 11 and 12 APIs the plugin uses
   (pass_data, gimple_opt_pass::execute (function *), the gasm
   accessors including gimple_asm_inline_p, gimple_build_asm_vec,
   build_string_literal (unsigned, const char *, ...), create_tmp_var_raw,
   walk_gimple_seq_mod, symtab->first_asm_symbol () and asm_node,
   plugin_default_version_check, gimple_set_no_warning,
   parse_output_constraint / parse_input_constraint, decode_reg_name;
   for the fix-it hints: location_get_source_line returning a char_span,
   linemap_lookup, LINEMAPS_ORDINARY_MAP_AT,
   linemap_position_for_line_and_column,
   linemap_location_from_macro_expansion_p, rich_location's
   add_fixit_insert_before / add_fixit_replace (source_range) /
   seen_impossible_fixit_p, warning_at and error_at taking a
   rich_location *).  Only 11 and 12 have been built and
   tested; a newer GCC is allowed through, and this is the file to
   adjust if its API moved.  */

#endif /* SAFEASM_COMPAT_H */
