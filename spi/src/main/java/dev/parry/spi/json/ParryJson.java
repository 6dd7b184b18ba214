package dev.parry.spi.json;

import dev.parry.core.investigation.ActionRecord;
import dev.parry.core.investigation.Investigation;
import dev.parry.core.investigation.InvestigationEvent;
import dev.parry.runtime.FalsePositiveReport;
import dev.parry.runtime.RuntimeHealth;
import dev.parry.spi.audit.AuditRecord;
import dev.parry.spi.audit.Verification;
import dev.parry.spi.store.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Writes Parry's results as documented JSON and reads the request bodies a REST layer receives, for a
 * service that exposes Parry over HTTP. The form is described by the JSON Schema
 * {@value #SCHEMA_RESOURCE} in the jar: member names are chosen for API users and do not follow Java
 * renames; instants and durations are ISO-8601 strings; enums are written by their constant names.
 * Personal data is written as it is: this is the operator's own API, so protect it like the data itself.
 *
 * <p>Every result written reads back equal, and every read validates through the domain's own
 * constructors: a body that is not well-formed, misses a member, has one too many, or holds a value the
 * domain refuses fails with a {@link JsonFormatException} naming the member's path and the value.
 *
 * <pre>{@code
 * String body = ParryJson.write(runtime.actions(query, caller));        // a page of actions
 * ApproveRequest approve = ParryJson.readApprove(requestBody);
 * ActionRecord approved = runtime.approve(actionId, caller, approve.comment());
 * }</pre>
 */
public final class ParryJson {

  /** Where the JSON Schema of the form lies in the jar, for {@link Class#getResourceAsStream}. */
  public static final String SCHEMA_RESOURCE = "/dev/parry/spi/json/parry.schema.json";

  private static final Codec CODEC = Tables.CODEC;

  private ParryJson() {}

  // ---- results ---------------------------------------------------------------------------------

  /** {@return the action as JSON: {@code #/$defs/ActionRecord} in the schema} */
  public static String write(ActionRecord action) {
    return CODEC.write(Objects.requireNonNull(action, "action"), ActionRecord.class);
  }

  /** {@return the actions as a JSON array of {@code ActionRecord}} */
  public static String writeActions(List<ActionRecord> actions) {
    return array(actions, ActionRecord.class);
  }

  /** {@return the page of actions as JSON, {@code {"items": […], "nextCursor": …}}: {@code #/$defs/ActionPage}} */
  public static String write(Page<ActionRecord> page) {
    return CODEC.write(ActionPage.of(Objects.requireNonNull(page, "page")), ActionPage.class);
  }

  /** {@return the investigation's state as JSON: {@code #/$defs/Investigation}} */
  public static String write(Investigation investigation) {
    return CODEC.write(Objects.requireNonNull(investigation, "investigation"), Investigation.class);
  }

  /** {@return the event as JSON: {@code #/$defs/InvestigationEvent}, tagged by its {@code type}} */
  public static String write(InvestigationEvent event) {
    return CODEC.write(Objects.requireNonNull(event, "event"), InvestigationEvent.class);
  }

  /** {@return an investigation's history as a JSON array of {@code InvestigationEvent}} */
  public static String writeEvents(List<InvestigationEvent> events) {
    return array(events, InvestigationEvent.class);
  }

  /** {@return the audit record as JSON: {@code #/$defs/AuditRecord}} */
  public static String write(AuditRecord record) {
    return CODEC.write(Objects.requireNonNull(record, "record"), AuditRecord.class);
  }

  /** {@return an audit trail as a JSON array of {@code AuditRecord}} */
  public static String writeAuditTrail(List<AuditRecord> records) {
    return array(records, AuditRecord.class);
  }

  /** {@return the result of verifying an audit trail as JSON: {@code #/$defs/Verification}} */
  public static String write(Verification verification) {
    return CODEC.write(Objects.requireNonNull(verification, "verification"), Verification.class);
  }

  /** {@return what a false positive report did, as JSON: {@code #/$defs/FalsePositiveReport}} */
  public static String write(FalsePositiveReport report) {
    return CODEC.write(Objects.requireNonNull(report, "report"), FalsePositiveReport.class);
  }

  /** {@return the runtime's health as JSON: {@code #/$defs/RuntimeHealth}} */
  public static String write(RuntimeHealth health) {
    return CODEC.write(Objects.requireNonNull(health, "health"), RuntimeHealth.class);
  }

  /**
   * {@return the action written by {@link #write(ActionRecord)}}
   *
   * @param json the JSON text
   * @throws JsonFormatException if the text does not describe an action
   */
  public static ActionRecord readActionRecord(String json) {
    return CODEC.read(json, ActionRecord.class);
  }

  /**
   * {@return the actions written by {@link #writeActions}}
   *
   * @param json the JSON text
   * @throws JsonFormatException if the text is not an array of actions
   */
  public static List<ActionRecord> readActions(String json) {
    return readArray(json, ActionRecord.class);
  }

  /**
   * {@return the page written by {@link #write(Page)}}
   *
   * @param json the JSON text
   * @throws JsonFormatException if the text does not describe a page of actions
   */
  public static Page<ActionRecord> readActionPage(String json) {
    return CODEC.read(json, ActionPage.class).page();
  }

  /**
   * {@return the investigation written by {@link #write(Investigation)}}
   *
   * @param json the JSON text
   * @throws JsonFormatException if the text does not describe an investigation
   */
  public static Investigation readInvestigation(String json) {
    return CODEC.read(json, Investigation.class);
  }

  /**
   * {@return the event written by {@link #write(InvestigationEvent)}}
   *
   * @param json the JSON text
   * @throws JsonFormatException if the text does not describe an event
   */
  public static InvestigationEvent readEvent(String json) {
    return CODEC.read(json, InvestigationEvent.class);
  }

  /**
   * {@return the events written by {@link #writeEvents}}
   *
   * @param json the JSON text
   * @throws JsonFormatException if the text is not an array of events
   */
  public static List<InvestigationEvent> readEvents(String json) {
    return readArray(json, InvestigationEvent.class);
  }

  /**
   * {@return the audit record written by {@link #write(AuditRecord)}}
   *
   * @param json the JSON text
   * @throws JsonFormatException if the text does not describe an audit record
   */
  public static AuditRecord readAuditRecord(String json) {
    return CODEC.read(json, AuditRecord.class);
  }

  /**
   * {@return the audit trail written by {@link #writeAuditTrail}}
   *
   * @param json the JSON text
   * @throws JsonFormatException if the text is not an array of audit records
   */
  public static List<AuditRecord> readAuditTrail(String json) {
    return readArray(json, AuditRecord.class);
  }

  /**
   * {@return the verification written by {@link #write(Verification)}}
   *
   * @param json the JSON text
   * @throws JsonFormatException if the text does not describe a verification
   */
  public static Verification readVerification(String json) {
    return CODEC.read(json, Verification.class);
  }

  /**
   * {@return the report written by {@link #write(FalsePositiveReport)}}
   *
   * @param json the JSON text
   * @throws JsonFormatException if the text does not describe a false positive report
   */
  public static FalsePositiveReport readFalsePositiveReport(String json) {
    return CODEC.read(json, FalsePositiveReport.class);
  }

  /**
   * {@return the health written by {@link #write(RuntimeHealth)}}
   *
   * @param json the JSON text
   * @throws JsonFormatException if the text does not describe the runtime's health
   */
  public static RuntimeHealth readHealth(String json) {
    return CODEC.read(json, RuntimeHealth.class);
  }

  // ---- request bodies --------------------------------------------------------------------------

  /**
   * {@return the body of an approval, {@code {"comment": "…"}}; the comment may be left out}
   *
   * @param json the request body
   * @throws JsonFormatException if the body is not well-formed JSON, has a member other than
   *     {@code comment}, or the comment is not a string the runtime takes
   */
  public static ApproveRequest readApprove(String json) {
    return CODEC.read(json, ApproveRequest.class);
  }

  /**
   * {@return the body of a rejection, {@code {"reason": "…"}}; the reason may be left out}
   *
   * @param json the request body
   * @throws JsonFormatException if the body is not well-formed JSON, has a member other than
   *     {@code reason}, or the reason is not a string the runtime takes
   */
  public static RejectRequest readReject(String json) {
    return CODEC.read(json, RejectRequest.class);
  }

  /**
   * {@return the body of an undo request, {@code {"reason": "…"}}; the reason may be left out}
   *
   * @param json the request body
   * @throws JsonFormatException if the body is not well-formed JSON, has a member other than
   *     {@code reason}, or the reason is not a string the runtime takes
   */
  public static UndoRequest readUndo(String json) {
    return CODEC.read(json, UndoRequest.class);
  }

  /**
   * {@return the body of a cancellation, {@code {"reason": "…"}}; the reason may be left out}
   *
   * @param json the request body
   * @throws JsonFormatException if the body is not well-formed JSON, has a member other than
   *     {@code reason}, or the reason is not a string the runtime takes
   */
  public static CancelRequest readCancel(String json) {
    return CODEC.read(json, CancelRequest.class);
  }

  /**
   * {@return the body of a time box extension, {@code {"extra": "PT4H", "comment": "…"}}; the comment may
   * be left out}
   *
   * @param json the request body
   * @throws JsonFormatException if the body is not well-formed JSON, misses {@code extra}, has an
   *     unknown member, or holds a value the runtime refuses (see {@link ExtendTimeBoxRequest})
   */
  public static ExtendTimeBoxRequest readExtendTimeBox(String json) {
    return CODEC.read(json, ExtendTimeBoxRequest.class);
  }

  /**
   * {@return the body of a manual action: {@code action} (its {@code kind}, {@code target} entity and
   * the options of its kind), {@code justification}, and optionally {@code twoStep}, {@code timeBox}
   * and {@code source}}
   *
   * @param json the request body
   * @throws JsonFormatException if the body is not well-formed JSON, misses a member, has an unknown
   *     one, or holds a value the domain or the runtime refuses (see {@link ManualActionRequest})
   */
  public static ManualActionRequest readManualAction(String json) {
    return CODEC.read(json, ManualActionRequest.class);
  }

  /**
   * {@return the body of a false positive report, {@code {"entity": {…}, "comment": "…"}}}
   *
   * @param json the request body
   * @throws JsonFormatException if the body is not well-formed JSON, misses a member, has an unknown
   *     one, or holds a value the domain refuses (see {@link FalsePositiveRequest})
   */
  public static FalsePositiveRequest readFalsePositive(String json) {
    return CODEC.read(json, FalsePositiveRequest.class);
  }

  /** {@return the approval body as JSON, as a client sends it} */
  public static String write(ApproveRequest body) {
    return CODEC.write(Objects.requireNonNull(body, "body"), ApproveRequest.class);
  }

  /** {@return the rejection body as JSON, as a client sends it} */
  public static String write(RejectRequest body) {
    return CODEC.write(Objects.requireNonNull(body, "body"), RejectRequest.class);
  }

  /** {@return the undo body as JSON, as a client sends it} */
  public static String write(UndoRequest body) {
    return CODEC.write(Objects.requireNonNull(body, "body"), UndoRequest.class);
  }

  /** {@return the cancellation body as JSON, as a client sends it} */
  public static String write(CancelRequest body) {
    return CODEC.write(Objects.requireNonNull(body, "body"), CancelRequest.class);
  }

  /** {@return the time box extension body as JSON, as a client sends it} */
  public static String write(ExtendTimeBoxRequest body) {
    return CODEC.write(Objects.requireNonNull(body, "body"), ExtendTimeBoxRequest.class);
  }

  /** {@return the manual action body as JSON, as a client sends it} */
  public static String write(ManualActionRequest body) {
    return CODEC.write(Objects.requireNonNull(body, "body"), ManualActionRequest.class);
  }

  /** {@return the false positive body as JSON, as a client sends it} */
  public static String write(FalsePositiveRequest body) {
    return CODEC.write(Objects.requireNonNull(body, "body"), FalsePositiveRequest.class);
  }

  // ---- arrays ----------------------------------------------------------------------------------

  private static String array(List<?> items, Class<?> element) {
    StringBuilder out = new StringBuilder(256 * Math.max(1, items.size())).append('[');
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(CODEC.write(Objects.requireNonNull(items.get(i), "items[" + i + "]"), element));
    }
    return out.append(']').toString();
  }

  private static <T> List<T> readArray(String json, Class<T> element) {
    Object tree = CodecReader.parse(json);
    if (!(tree instanceof List<?> items)) {
      throw new JsonFormatException("$", "expected an array", null);
    }
    List<T> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      out.add(element.cast(CODEC.bind(items.get(i), element, "$[" + i + "]")));
    }
    return List.copyOf(out);
  }
}
