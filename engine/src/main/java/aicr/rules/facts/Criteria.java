package aicr.rules.facts;

/** The recipe's criteria, as a fact ({@code ""} for an absent dimension). */
public record Criteria(String service, String accelerator, String intent, String os, String platform, int nodes) {
}
