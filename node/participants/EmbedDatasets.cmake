# Turns the demo data sets (resources/data/*.csv) into one C++ source defining
# allora::embedded::demoDataset(name), so the node reads no file at run time.
# Usage: cmake -DOUTPUT=file.cpp -DINPUTS=a.csv,b.csv -P EmbedDatasets.cmake
string(REPLACE "," ";" INPUTS "${INPUTS}")
set(body "")
set(table "")
set(n 0)
foreach(input ${INPUTS})
  get_filename_component(name ${input} NAME)
  file(READ ${input} content HEX)
  string(LENGTH "${content}" hexlen)
  math(EXPR len "${hexlen} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${content}")
  string(APPEND body "const unsigned char kData${n}[] = {${bytes}};\n")
  string(APPEND table "    {\"${name}\", std::string_view(reinterpret_cast<const char*>(kData${n}), ${len})},\n")
  math(EXPR n "${n} + 1")
endforeach()
file(WRITE ${OUTPUT}
"// Generated from resources/data by node/participants/EmbedDatasets.cmake. Do not edit.
#include <string_view>
#include <utility>
namespace allora::embedded {
namespace {
${body}
const std::pair<std::string_view, std::string_view> kFiles[] = {
${table}};
}  // namespace
// The file's bytes, empty when no embedded file has that name.
std::string_view demoDataset(std::string_view name) {
    for (const auto& [n, text] : kFiles)
        if (n == name) return text;
    return {};
}
}  // namespace allora::embedded
")
