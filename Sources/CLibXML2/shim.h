// libxml2 built with ICU includes <unicode/*.h>, which clashes with the ICU that Foundation
// bundles. Only the tree and HTML-parsing API is used here, whose types do not depend on ICU.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/parser.h>
#include <zlib.h>

// xmlFree is a global function pointer, which Swift 6 treats as shared mutable state.
static inline void archive_xml_free(void *pointer) { xmlFree(pointer); }
