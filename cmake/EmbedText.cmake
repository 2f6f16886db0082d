# Turns a text file into a C++ source defining `allora::embedded::bip39WordlistText`.
# Usage: cmake -DINPUT=file -DOUTPUT=file.cpp -P EmbedText.cmake
file(READ ${INPUT} content HEX)
string(LENGTH "${content}" hexlen)
math(EXPR len "${hexlen} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${content}")
file(WRITE ${OUTPUT}
"// Generated from ${INPUT} by cmake/EmbedText.cmake. Do not edit.
#include <cstddef>
#include <string_view>
namespace allora::embedded {
static const unsigned char kData[] = {${bytes}};
extern const std::string_view bip39WordlistText(reinterpret_cast<const char*>(kData), ${len});
}  // namespace allora::embedded
")
