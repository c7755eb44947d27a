#include "tools/datagen/names.h"

namespace attain::datagen {

const std::vector<std::string_view>& FirstNames() {
  static const auto* const kNames = new std::vector<std::string_view>{
      "Olivia", "Liam",    "Emma",   "Noah",    "Ava",     "Oliver",  "Sophia",  "Elijah",
      "Isabella", "James", "Mia",    "Lucas",   "Amelia",  "Mateo",   "Harper",  "Benjamin",
      "Evelyn", "Henry",   "Aisha",  "Rahul",   "Priya",   "Wei",     "Mei",     "Hiroshi",
      "Yuki",   "Carlos",  "Lucia",  "Diego",   "Sofia",   "Ahmed",   "Fatima",  "Omar",
      "Leila",  "Jonas",   "Greta",  "Lars",    "Ingrid",  "Pierre",  "Camille", "Marco",
      "Giulia", "Sean",    "Niamh",  "Kwame",   "Amara",   "Tariq",   "Hannah",  "Daniel",
      "Grace",  "Samuel",  "Chloe",  "Nathan",  "Zoe",     "Ethan",   "Maya",    "Isaac"};
  return *kNames;
}

const std::vector<std::string_view>& LastNames() {
  static const auto* const kNames = new std::vector<std::string_view>{
      "Smith",    "Johnson",  "Williams", "Brown",     "Jones",   "Garcia",   "Miller",
      "Davis",    "Rodriguez", "Martinez", "Hernandez", "Lopez",  "Wilson",   "Anderson",
      "Thomas",   "Taylor",   "Moore",    "Jackson",   "Martin",  "Lee",      "Thompson",
      "White",    "Harris",   "Clark",    "Lewis",     "Walker",  "Hall",     "Young",
      "Patel",    "Shah",     "Chen",     "Wang",      "Kim",     "Nguyen",   "Tanaka",
      "Sato",     "Muller",   "Schmidt",  "Fischer",   "Dubois",  "Moreau",   "Rossi",
      "Bianchi",  "Kowalski", "Novak",    "Jensen",    "Larsen",  "Murphy",   "Kelly",
      "Okafor",   "Mensah",   "Haddad",   "Khan",      "Singh",   "Costa",    "Silva"};
  return *kNames;
}

}  // namespace attain::datagen
