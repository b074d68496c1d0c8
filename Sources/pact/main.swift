print("pact")
