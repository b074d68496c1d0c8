/// Splits CSV text into records and fields as RFC 4180 defines them: fields are
/// separated by commas, records by CRLF or LF (or a lone CR); a field in double
/// quotes may hold commas, line breaks and doubled quotes (`""` for `"`).
enum CSVReader {
  /// One record: the 1-based line it starts on and its fields.
  struct Record {
    var line: Int
    var fields: [String]
    /// Whether the record is an empty line (no field, not even an empty quoted one).
    var isBlank: Bool
  }

  /// A quote that is never closed, or text right after a closing quote.
  struct SyntaxError: Error {
    var line: Int
    var message: String
  }

  /// The records of `text`, in order (a final line break ends the last record).
  static func records(_ text: String) throws(SyntaxError) -> [Record] {
    var records: [Record] = []
    var fields: [String] = []
    var field = ""
    var line = 1
    var recordLine = 1
    var quoted = false
    var afterQuote = false
    var sawContent = false
    var quoteLine = 1
    let scalars = Array(text.unicodeScalars)
    var i = 0
    func endRecord() {
      fields.append(field)
      records.append(
        Record(line: recordLine, fields: fields, isBlank: !sawContent && fields.count == 1 && field.isEmpty))
      fields = []
      field = ""
      afterQuote = false
      sawContent = false
    }
    while i < scalars.count {
      let c = scalars[i]
      if quoted {
        if c == "\"" {
          if i + 1 < scalars.count, scalars[i + 1] == "\"" {
            field.unicodeScalars.append("\"")
            i += 1
          } else {
            quoted = false
            afterQuote = true
          }
        } else {
          if c == "\n" || (c == "\r" && !(i + 1 < scalars.count && scalars[i + 1] == "\n")) { line += 1 }
          field.unicodeScalars.append(c)
        }
        i += 1
        continue
      }
      switch c {
      case ",":
        fields.append(field)
        field = ""
        afterQuote = false
        sawContent = true
      case "\r", "\n":
        if c == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
        endRecord()
        line += 1
        recordLine = line
      case "\"" where field.allSatisfy({ $0 == " " }) && !afterQuote:
        quoted = true
        quoteLine = line
        field = ""
        sawContent = true
      default:
        if afterQuote, c != " " && c != "\t" {
          throw SyntaxError(line: line, message: "text after a closing quote (a quote inside a field is written \"\")")
        }
        if !afterQuote { field.unicodeScalars.append(c) }
        sawContent = true
      }
      i += 1
    }
    if quoted { throw SyntaxError(line: quoteLine, message: "a quoted field is never closed") }
    if !field.isEmpty || !fields.isEmpty || sawContent { endRecord() }
    return records
  }
}
